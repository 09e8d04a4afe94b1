-- CONCURRENTLY builds the index without blocking writes (SHARE UPDATE EXCLUSIVE). PostgreSQL refuses it
-- inside a transaction, so it is the only statement of its migration.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
