-- Runs once every live instance runs release 2.0.0 or newer, so every writer already fills full_name
-- and the backfill only has rows written by release 1.0.0 to fix. Row locks only; reads go on.
-- A larger table would want batches committed one by one; the sample's table is small, and says so to the
-- safety linter:
-- tidemark:allow unbatched-dml the sample's customers table holds a handful of rows
UPDATE customers SET full_name = name WHERE full_name IS NULL;
