-- Release 3.0.0 reads and writes only full_name. Tidemark applies this once no instance older than
-- 3.0.0 is alive, since release 2.0.0 still writes name.
ALTER TABLE customers DROP COLUMN name;
