-- The schema every corpus case runs against: created by an earlier migration (the linter reads it as V1) and,
-- for the lock tracer, applied to the test database with a few rows in each table.
CREATE TABLE customers (
    id         bigint PRIMARY KEY,
    email      text,
    name       varchar(50),
    code       char(4),
    status     text,
    created_at timestamp,
    score      numeric(10,2),
    payload    text,
    legacy     json,
    big_id     bigint,
    small      integer
);
CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    amount      integer,
    note        varchar(20),
    created_at  timestamp(3),
    total       numeric(10,2)
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), qty integer);
CREATE TABLE audit (id bigint PRIMARY KEY, message text);
CREATE TABLE "Quoted Table" ("Id" bigint PRIMARY KEY, "Value" text);
CREATE TABLE tags (label text, note text);
CREATE UNIQUE INDEX tags_label_idx ON tags (label);
CREATE UNIQUE INDEX tags_note_idx ON tags (note);
CREATE TABLE logs (message text);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, customer_id bigint, amount integer, due date);
CREATE INDEX invoices_customer_idx ON billing.invoices (customer_id);
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Validated CHECKs that prove NOT NULL (email; score in an AND), and ones that do not.
ALTER TABLE customers ADD CONSTRAINT customers_email_not_null CHECK (email IS NOT NULL);
ALTER TABLE customers ADD CONSTRAINT customers_score_valid CHECK (score IS NOT NULL AND score >= 0);
ALTER TABLE customers ADD CONSTRAINT customers_status_not_empty CHECK (status <> '');
ALTER TABLE tags ADD CONSTRAINT tags_note_not_null CHECK (note IS NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note IS NOT NULL) NOT VALID;
CREATE UNIQUE INDEX customers_code_idx ON customers (code);
CREATE MATERIALIZED VIEW customer_stats AS SELECT count(*) AS n FROM customers;
CREATE UNIQUE INDEX customer_stats_n_idx ON customer_stats (n);
CREATE VIEW active_customers AS SELECT id, email FROM customers WHERE email IS NOT NULL;
CREATE SEQUENCE legacy_seq;
CREATE TYPE mood AS ENUM ('ok');
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
CREATE FUNCTION tenant() RETURNS text STABLE LANGUAGE sql AS $$ SELECT 'a' $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO customers VALUES (1, 'a@example.com', 'Ann', 'C001', 'active', '2024-01-01', 1.50, '{"a": 1}', '{"b": 2}', 10, 1),
    (2, 'b@example.com', 'Bob', 'C002', 'active', '2024-01-02', 2.50, '{"a": 2}', '{"b": 3}', 20, 2);
INSERT INTO orders VALUES (1, 1, 10, 'n1', '2024-01-01', 1.00), (2, 1, 20, 'n2', '2024-01-02', 2.00),
    (3, 2, 30, 'n3', '2024-01-03', 3.00);
INSERT INTO order_items VALUES (1, 1, 5);
INSERT INTO audit VALUES (1, 'm');
INSERT INTO "Quoted Table" VALUES (1, 'v');
INSERT INTO tags VALUES ('t1', 'n1'), ('t2', 'n2');
INSERT INTO logs VALUES ('hello');
INSERT INTO billing.invoices VALUES (1, 1, 5, '2024-01-01'), (2, 2, 6, '2024-02-01');
INSERT INTO events VALUES (1, '2024-02-01');
