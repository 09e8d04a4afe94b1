-- Adding a nullable column without a default only touches the catalog: a brief ACCESS EXCLUSIVE lock,
-- bounded by lock_timeout, and no table rewrite.
ALTER TABLE customers ADD COLUMN full_name text;

-- Release 3.0.0 writes only full_name, and runs beside release 2.0.0 until the rollout ends, so name
-- must accept NULL before release 3.0.0 starts. Dropping NOT NULL is also catalog-only.
ALTER TABLE customers ALTER COLUMN name DROP NOT NULL;
