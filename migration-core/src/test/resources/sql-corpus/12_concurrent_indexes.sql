-- Each of these must run outside a transaction block.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON shop.orders (customer_id);

CREATE UNIQUE INDEX CONCURRENTLY customer_email_key ON shop.customer (lower(email));

-- An index merely named "concurrently..." is an ordinary, transactional CREATE INDEX.
CREATE INDEX concurrently_placed_idx ON shop.orders (placed_at);

CREATE INDEX CONCURRENTLY orders_open_idx ON shop.orders (placed_at)
    WHERE status IN ('new', 'paid');

DROP INDEX CONCURRENTLY IF EXISTS shop.orders_old_idx;

REINDEX INDEX CONCURRENTLY shop.orders_customer_idx;
