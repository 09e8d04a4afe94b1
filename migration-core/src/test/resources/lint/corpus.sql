-- The linter's corpus: each case is a migration file run after base.sql. "rule" names the rule the case is
-- about; "expect" is the set of rule ids the linter must report for the file (judged as a set: once or on
-- several lines is the same finding); "trace: skip" gives the reason a finding has no effect the lock tracer
-- can observe. Everything after the header lines is the file, line 1 first.

-- case: idx-plain-existing
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE INDEX orders_amount_idx ON orders (amount);

-- case: idx-unique-existing
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE UNIQUE INDEX customers_email_key ON customers (email);

-- case: idx-if-not-exists-no-op
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE INDEX IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);

-- case: idx-after-create-table-if-not-exists-of-existing
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);
CREATE INDEX orders_amount_idx ON orders (amount);

-- case: idx-new-table
-- rule: index-not-concurrent
-- phase: expand
-- expect: none
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);

-- case: idx-concurrently
-- rule: index-not-concurrent
-- phase: expand
-- expect: none
CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);

-- case: idx-quoted-and-qualified
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE INDEX "Quoted_value_idx" ON public."Quoted Table" ("Value");

-- case: idx-other-schema
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
CREATE INDEX invoices_due_idx ON billing.invoices (due);

-- case: idx-comments-between-tokens
-- rule: index-not-concurrent
-- phase: expand
-- expect: none
CREATE INDEX /* online */ CONCURRENTLY -- never blocks writes
    orders_total_idx ON orders (total);

-- case: idx-in-do-block-execute
-- rule: index-not-concurrent
-- phase: expand
-- expect: index-not-concurrent
DO $$
BEGIN
    EXECUTE 'CREATE INDEX orders_note_idx ON orders (note)';
END $$;

-- case: drop-idx-plain
-- rule: drop-index-not-concurrent
-- phase: contract
-- expect: drop-index-not-concurrent
DROP INDEX orders_customer_id_idx;

-- case: drop-idx-several
-- rule: drop-index-not-concurrent
-- phase: contract
-- expect: drop-index-not-concurrent, multiple-exclusive-tables
DROP INDEX IF EXISTS orders_customer_id_idx, customers_code_idx;

-- case: drop-idx-concurrently
-- rule: drop-index-not-concurrent
-- phase: contract
-- expect: none
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;

-- case: drop-idx-of-new-table
-- rule: drop-index-not-concurrent
-- phase: expand
-- expect: none
CREATE TABLE scratch_items (id integer);
CREATE INDEX scratch_items_id_idx ON scratch_items (id);
DROP INDEX scratch_items_id_idx;

-- case: drop-idx-other-schema
-- rule: drop-index-not-concurrent
-- phase: contract
-- expect: drop-index-not-concurrent
DROP INDEX billing.invoices_customer_idx;

-- case: cic-in-begin-commit
-- rule: concurrent-in-transaction
-- phase: expand
-- expect: concurrent-in-transaction
BEGIN;
CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);
COMMIT;

-- case: dic-in-start-transaction
-- rule: concurrent-in-transaction
-- phase: contract
-- expect: concurrent-in-transaction
START TRANSACTION;
DROP INDEX CONCURRENTLY orders_customer_id_idx;
COMMIT;

-- case: cic-in-do-block
-- rule: concurrent-in-transaction
-- phase: expand
-- expect: concurrent-in-transaction
DO $$
BEGIN
    CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);
END $$;

-- case: reindex-concurrently-in-function
-- rule: concurrent-in-transaction
-- phase: expand
-- expect: concurrent-in-transaction
-- trace: skip the function body runs only when the function is called, not when it is created
CREATE FUNCTION rebuild_orders() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    REINDEX TABLE CONCURRENTLY orders;
END $$;

-- case: cic-file-of-its-own
-- rule: concurrent-in-transaction
-- phase: expand
-- expect: none
CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);

-- case: reindex-concurrently-alone
-- rule: concurrent-in-transaction
-- phase: contract
-- expect: none
REINDEX INDEX CONCURRENTLY orders_customer_id_idx;

-- case: cic-in-mixed-file
-- rule: concurrent-in-transaction
-- phase: expand
-- expect: concurrent-in-transaction
ALTER TABLE orders ADD COLUMN shipped boolean;
CREATE INDEX CONCURRENTLY orders_shipped_idx ON orders (shipped);

-- case: default-gen-random-uuid
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- case: default-random
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE orders ADD COLUMN ratio double precision DEFAULT random();

-- case: default-clock-timestamp
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();

-- case: default-nextval
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE customers ADD COLUMN legacy_no bigint DEFAULT nextval('legacy_seq');

-- case: default-nested-random
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE customers ADD COLUMN salt text DEFAULT md5(random()::text);

-- case: default-user-function-volatile-by-default
-- rule: volatile-default
-- phase: expand
-- expect: volatile-default
ALTER TABLE customers ADD COLUMN code2 text DEFAULT next_code();

-- case: default-user-function-stable
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE customers ADD COLUMN tenant text DEFAULT tenant();

-- case: default-constant
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN currency text DEFAULT 'EUR';

-- case: default-now
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN added_at timestamptz DEFAULT now();

-- case: default-current-timestamp-not-null
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN added_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- case: default-now-plus-interval
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN due_at timestamptz DEFAULT now() + interval '7 days';

-- case: set-default-volatile
-- rule: volatile-default
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN note SET DEFAULT md5(random()::text);

-- case: default-volatile-new-table
-- rule: volatile-default
-- phase: expand
-- expect: none
CREATE TABLE tokens (id bigint PRIMARY KEY, token uuid DEFAULT gen_random_uuid());

-- case: not-null-plain
-- rule: not-null-without-default
-- phase: expand
-- expect: not-null-without-default
ALTER TABLE orders ADD COLUMN region text NOT NULL;

-- case: not-null-in-multi-action-alter
-- rule: not-null-without-default
-- phase: expand
-- expect: not-null-without-default
ALTER TABLE orders
    ADD COLUMN weight integer,
    ADD COLUMN region text NOT NULL;

-- case: not-null-constant-default
-- rule: not-null-without-default
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';

-- case: not-null-identity
-- rule: not-null-without-default
-- phase: expand
-- expect: add-serial-or-identity-existing
ALTER TABLE audit ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;

-- case: not-null-new-table
-- rule: not-null-without-default
-- phase: expand
-- expect: none
CREATE TABLE regions (code text NOT NULL);

-- case: type-int-to-bigint
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE orders ALTER COLUMN amount TYPE bigint;

-- case: type-bigint-to-int
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN big_id TYPE integer;

-- case: type-int-to-text
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN small TYPE text;

-- case: type-varchar-shrink
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN name TYPE varchar(10);

-- case: type-text-to-varchar-n
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN status TYPE varchar(20);

-- case: type-numeric-scale-change
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,3);

-- case: type-char-widen
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN code TYPE char(8);

-- case: type-timestamp-to-timestamptz
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN created_at TYPE timestamptz;

-- case: type-text-to-json
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type, json-type
ALTER TABLE customers ALTER COLUMN payload TYPE json USING payload::json;

-- case: type-json-to-jsonb
-- rule: rewrite-column-type
-- phase: expand
-- expect: rewrite-column-type
ALTER TABLE customers ALTER COLUMN legacy SET DATA TYPE jsonb;

-- case: type-varchar-widen
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE customers ALTER COLUMN name TYPE varchar(100);

-- case: type-varchar-to-text
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE customers ALTER COLUMN name SET DATA TYPE text;

-- case: type-text-to-unbounded-varchar
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE customers ALTER COLUMN status TYPE varchar;

-- case: type-numeric-widen
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);

-- case: type-numeric-unconstrained
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN total TYPE numeric;

-- case: type-timestamp-precision-widen
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamp(6);

-- case: type-same-type-other-spelling
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN amount TYPE int4;

-- case: type-using-plain-cast
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
ALTER TABLE customers ALTER COLUMN name TYPE text USING name::text;

-- case: type-change-new-table
-- rule: rewrite-column-type
-- phase: expand
-- expect: none
CREATE TABLE measurements (value integer);
ALTER TABLE measurements ALTER COLUMN value TYPE bigint;

-- case: fk-without-not-valid
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

-- case: check-without-not-valid
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);

-- case: column-check-in-add-column
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD COLUMN discount integer CHECK (discount >= 0);

-- case: references-on-column-with-default
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD COLUMN buyer_id bigint DEFAULT 1 REFERENCES customers (id);

-- case: not-valid-then-validate-same-file
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;

-- case: check-without-not-valid-in-do-block
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: constraint-not-valid-missing
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'orders_amount_positive') THEN
        ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
    END IF;
END $$;

-- case: fk-not-valid
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: none
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- case: validate-in-later-file
-- rule: constraint-not-valid-missing
-- phase: migrate
-- expect: none
ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;

-- case: constraints-on-new-table-referencing-existing
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: none
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), amount integer CHECK (amount > 0));

-- case: references-on-column-without-default
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN seller_id bigint REFERENCES customers (id);

-- case: unique-is-not-this-rule
-- rule: constraint-not-valid-missing
-- phase: expand
-- expect: unique-constraint-without-index
ALTER TABLE customers ADD CONSTRAINT customers_email_uq UNIQUE (email);

-- case: set-not-null-plain
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: set-not-null-unsafe
ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;

-- case: set-not-null-proven-by-earlier-migration
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: none
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;

-- case: set-not-null-proven-earlier-in-file
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: constraint-not-valid-missing
ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null CHECK (amount IS NOT NULL);
ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;

-- case: set-not-null-not-valid-check
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: set-not-null-unsafe
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;

-- case: set-not-null-check-on-other-column
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: set-not-null-unsafe
ALTER TABLE customers ALTER COLUMN name SET NOT NULL;

-- case: set-not-null-check-not-empty
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: set-not-null-unsafe
ALTER TABLE customers ALTER COLUMN status SET NOT NULL;

-- case: set-not-null-proven-by-and-conjunction
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: none
ALTER TABLE customers ALTER COLUMN score SET NOT NULL;

-- case: primary-key-using-index-nullable
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: set-not-null-unsafe
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_label_idx;

-- case: primary-key-using-index-proven
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: none
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_note_idx;

-- case: set-not-null-new-table
-- rule: set-not-null-unsafe
-- phase: contract
-- expect: none
CREATE TABLE drafts (title text);
ALTER TABLE drafts ALTER COLUMN title SET NOT NULL;

-- case: set-not-null-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: set-not-null-unsafe, phase-destructive-in-expand
ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;

-- case: unique-column-level-in-add-column
-- rule: unique-constraint-without-index
-- phase: expand
-- expect: unique-constraint-without-index
ALTER TABLE orders ADD COLUMN external_ref text UNIQUE;

-- case: unique-using-index
-- rule: unique-constraint-without-index
-- phase: expand
-- expect: none
ALTER TABLE customers ADD CONSTRAINT customers_code_key UNIQUE USING INDEX customers_code_idx;

-- case: unique-new-table
-- rule: unique-constraint-without-index
-- phase: expand
-- expect: none
CREATE TABLE coupons (code text UNIQUE);

-- case: primary-key-added
-- rule: primary-key-without-index
-- phase: expand
-- expect: primary-key-without-index
ALTER TABLE tags ADD PRIMARY KEY (label);

-- case: primary-key-column-level-bigserial
-- rule: primary-key-without-index
-- phase: expand
-- expect: primary-key-without-index, add-serial-or-identity-existing
ALTER TABLE logs ADD COLUMN id bigserial PRIMARY KEY;

-- case: primary-key-new-table
-- rule: primary-key-without-index
-- phase: expand
-- expect: none
CREATE TABLE currencies (code text);
ALTER TABLE currencies ADD PRIMARY KEY (code);

-- case: rename-column
-- rule: rename-column
-- phase: contract
-- expect: rename-column
ALTER TABLE customers RENAME COLUMN name TO full_name;

-- case: rename-quoted-column-without-keyword
-- rule: rename-column
-- phase: contract
-- expect: rename-column
ALTER TABLE "Quoted Table" RENAME "Value" TO "Amount";

-- case: rename-column-of-new-table
-- rule: rename-column
-- phase: expand
-- expect: none
CREATE TABLE notes (body text);
ALTER TABLE notes RENAME COLUMN body TO text_body;

-- case: rename-column-in-expand
-- rule: rename-column
-- phase: expand
-- expect: rename-column, phase-destructive-in-expand
ALTER TABLE orders RENAME note TO remark;

-- case: rename-table
-- rule: rename-table
-- phase: contract
-- expect: rename-table
ALTER TABLE audit RENAME TO audit_log;

-- case: rename-index
-- rule: rename-table
-- phase: expand
-- expect: none
ALTER INDEX orders_customer_id_idx RENAME TO orders_customer_idx;

-- case: rename-new-table
-- rule: rename-table
-- phase: expand
-- expect: none
CREATE TABLE drafts (title text);
ALTER TABLE drafts RENAME TO draft_posts;

-- case: drop-column-in-expand
-- rule: drop-column
-- phase: expand
-- expect: drop-column, phase-destructive-in-expand
ALTER TABLE orders DROP COLUMN note;

-- case: drop-column-in-migrate-multi-action
-- rule: drop-column
-- phase: migrate
-- expect: drop-column, phase-ddl-in-migrate
ALTER TABLE orders ADD COLUMN weight integer, DROP COLUMN note;

-- case: drop-column-in-contract
-- rule: drop-column
-- phase: contract
-- expect: none
ALTER TABLE orders DROP COLUMN IF EXISTS note;

-- case: drop-table-in-expand
-- rule: drop-table
-- phase: expand
-- expect: drop-table, phase-destructive-in-expand
DROP TABLE audit;

-- case: drop-table-in-contract
-- rule: drop-table
-- phase: contract
-- expect: none
DROP TABLE audit;

-- case: drop-table-created-in-file
-- rule: drop-table
-- phase: expand
-- expect: none
CREATE TABLE scratch (id integer);
DROP TABLE scratch;

-- case: drop-view-is-not-a-table
-- rule: drop-table
-- phase: migrate
-- expect: phase-ddl-in-migrate
DROP VIEW active_customers;

-- case: vacuum-full
-- rule: table-rewrite-maintenance
-- phase: contract
-- expect: table-rewrite-maintenance
-- trace: skip VACUUM cannot run inside the tracer's transaction
VACUUM FULL orders;

-- case: cluster
-- rule: table-rewrite-maintenance
-- phase: contract
-- expect: table-rewrite-maintenance
CLUSTER orders USING orders_pkey;

-- case: reindex-table
-- rule: table-rewrite-maintenance
-- phase: contract
-- expect: table-rewrite-maintenance
REINDEX TABLE orders;

-- case: vacuum-analyze
-- rule: table-rewrite-maintenance
-- phase: contract
-- expect: none
VACUUM (ANALYZE) orders;

-- case: vacuum-plain
-- rule: table-rewrite-maintenance
-- phase: contract
-- expect: none
VACUUM orders;

-- case: lock-default-mode
-- rule: lock-table
-- phase: contract
-- expect: lock-table
LOCK TABLE audit;

-- case: lock-share-mode
-- rule: lock-table
-- phase: contract
-- expect: lock-table
LOCK orders IN SHARE MODE;

-- case: lock-weak-mode
-- rule: lock-table
-- phase: contract
-- expect: none
LOCK orders IN ROW EXCLUSIVE MODE;

-- case: truncate
-- rule: truncate
-- phase: contract
-- expect: truncate
TRUNCATE audit;

-- case: truncate-cascade
-- rule: multiple-exclusive-tables
-- phase: contract
-- expect: truncate, multiple-exclusive-tables
TRUNCATE orders CASCADE;

-- case: truncate-in-expand
-- rule: truncate
-- phase: expand
-- expect: truncate, phase-destructive-in-expand
TRUNCATE TABLE audit;

-- case: truncate-new-table
-- rule: truncate
-- phase: expand
-- expect: none
CREATE TABLE imports (line text);
TRUNCATE imports;

-- case: json-column-added
-- rule: json-type
-- phase: expand
-- expect: json-type
-- trace: skip json is a modelling problem, not a lock or a rewrite
ALTER TABLE orders ADD COLUMN meta json;

-- case: json-column-upper-case
-- rule: json-type
-- phase: expand
-- expect: json-type
-- trace: skip json is a modelling problem, not a lock or a rewrite
ALTER TABLE orders ADD COLUMN meta JSON;

-- case: jsonb-column-added
-- rule: json-type
-- phase: expand
-- expect: none
ALTER TABLE orders ADD COLUMN meta jsonb;

-- case: update-without-where
-- rule: unbatched-dml
-- phase: migrate
-- expect: unbatched-dml
-- trace: skip row locks are not relation locks; the harm is their number and duration
UPDATE orders SET note = 'x';

-- case: update-non-key-predicate
-- rule: unbatched-dml
-- phase: migrate
-- expect: unbatched-dml
-- trace: skip row locks are not relation locks; the harm is their number and duration
UPDATE customers SET name = email WHERE name IS NULL;

-- case: delete-open-key-range
-- rule: unbatched-dml
-- phase: migrate
-- expect: unbatched-dml
-- trace: skip row locks are not relation locks; the harm is their number and duration
DELETE FROM audit WHERE id > 0;

-- case: update-key-equality
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
UPDATE orders SET note = 'x' WHERE id = 1;

-- case: delete-key-in-list
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
DELETE FROM audit WHERE id IN (1, 2, 3);

-- case: update-key-between
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
UPDATE orders SET note = 'x' WHERE id BETWEEN 1 AND 1000;

-- case: update-closed-key-range
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
UPDATE orders SET note = 'x' WHERE id >= 1 AND id < 1000 AND note IS NULL;

-- case: update-in-subquery-with-limit
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
UPDATE customers SET name = email WHERE id IN (SELECT id FROM customers WHERE name IS NULL LIMIT 1000);

-- case: update-any-array-subquery-with-limit
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
UPDATE customers SET name = email WHERE id = ANY (ARRAY(SELECT id FROM customers WHERE name IS NULL LIMIT 1000));

-- case: insert-select
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
INSERT INTO audit (id, message) SELECT id + 1000, email FROM customers;

-- case: update-new-table
-- rule: unbatched-dml
-- phase: expand
-- expect: none
CREATE TABLE counters (id integer, hits integer);
UPDATE counters SET hits = 0;

-- case: update-declared-backfill
-- rule: unbatched-dml
-- phase: migrate
-- expect: none
-- tidemark:backfill
UPDATE customers SET name = email WHERE name IS NULL;

-- case: update-in-do-block
-- rule: unbatched-dml
-- phase: migrate
-- expect: unbatched-dml
-- trace: skip row locks are not relation locks; the harm is their number and duration
DO $$
BEGIN
    UPDATE orders SET note = 'x';
END $$;

-- case: update-after-alter-in-same-file
-- rule: unbatched-dml
-- phase: expand
-- expect: unbatched-dml
-- trace: skip row locks are not relation locks; the harm is their number and duration
ALTER TABLE orders ADD COLUMN flag boolean;
UPDATE orders SET flag = false;

-- case: serial-column-added
-- rule: add-serial-or-identity-existing
-- phase: expand
-- expect: add-serial-or-identity-existing
ALTER TABLE audit ADD COLUMN n serial;

-- case: bigserial-new-table
-- rule: add-serial-or-identity-existing
-- phase: expand
-- expect: none
CREATE TABLE receipts (id bigserial PRIMARY KEY);

-- case: stored-generated-added
-- rule: stored-generated-existing
-- phase: expand
-- expect: stored-generated-existing
ALTER TABLE orders ADD COLUMN amount_x2 integer GENERATED ALWAYS AS (amount * 2) STORED;

-- case: stored-generated-new-table
-- rule: stored-generated-existing
-- phase: expand
-- expect: none
CREATE TABLE boxes (w integer, area integer GENERATED ALWAYS AS (w * w) STORED);

-- case: two-tables-altered
-- rule: multiple-exclusive-tables
-- phase: expand
-- expect: multiple-exclusive-tables
ALTER TABLE orders ADD COLUMN c1 integer;
ALTER TABLE customers ADD COLUMN c2 integer;

-- case: lock-two-tables
-- rule: multiple-exclusive-tables
-- phase: contract
-- expect: lock-table, multiple-exclusive-tables
LOCK orders, customers;

-- case: drop-table-with-foreign-key
-- rule: multiple-exclusive-tables
-- phase: contract
-- expect: multiple-exclusive-tables
DROP TABLE order_items;

-- case: drop-foreign-key-constraint
-- rule: multiple-exclusive-tables
-- phase: contract
-- expect: multiple-exclusive-tables
ALTER TABLE order_items DROP CONSTRAINT order_items_order_id_fkey;

-- case: foreign-key-add-takes-share-row-exclusive
-- rule: multiple-exclusive-tables
-- phase: expand
-- expect: none
ALTER TABLE order_items ADD CONSTRAINT order_items_order_fk2 FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;

-- case: new-tables-altered
-- rule: multiple-exclusive-tables
-- phase: expand
-- expect: none
CREATE TABLE a_new (id integer);
CREATE TABLE b_new (id integer);
ALTER TABLE a_new ADD COLUMN x integer;
ALTER TABLE b_new ADD COLUMN y integer;

-- case: separate-explicit-transactions
-- rule: multiple-exclusive-tables
-- phase: expand
-- expect: none
BEGIN;
ALTER TABLE orders ADD COLUMN c1 integer;
COMMIT;
BEGIN;
ALTER TABLE customers ADD COLUMN c2 integer;
COMMIT;

-- case: ddl-in-migrate
-- rule: phase-ddl-in-migrate
-- phase: migrate
-- expect: phase-ddl-in-migrate
ALTER TABLE orders ADD COLUMN c3 integer;

-- case: migrate-allowed-statements
-- rule: phase-ddl-in-migrate
-- phase: migrate
-- expect: none
SET LOCAL statement_timeout = '5min';
ANALYZE orders;
ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;
UPDATE orders SET note = 'y' WHERE id = 2;

-- case: vacuum-analyze-in-migrate
-- rule: phase-ddl-in-migrate
-- phase: migrate
-- expect: none
VACUUM ANALYZE orders;

-- case: index-in-migrate
-- rule: phase-ddl-in-migrate
-- phase: migrate
-- expect: phase-ddl-in-migrate
CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);

-- case: do-block-with-dml-in-migrate
-- rule: phase-ddl-in-migrate
-- phase: migrate
-- expect: none
DO $$
BEGIN
    UPDATE orders SET note = 'z' WHERE id = 3;
END $$;

-- case: drop-view-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP VIEW active_customers;

-- case: drop-function-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP FUNCTION tenant();

-- case: drop-trigger-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP TRIGGER audit_touch ON audit;

-- case: drop-sequence-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP SEQUENCE legacy_seq;

-- case: drop-type-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP TYPE mood;

-- case: drop-schema-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
DROP SCHEMA billing CASCADE;

-- case: drop-not-null-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: none
ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;

-- case: objects-created-and-dropped-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: none
CREATE VIEW recent_orders AS SELECT * FROM orders;
DROP VIEW recent_orders;

-- case: rename-view-in-expand
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: phase-destructive-in-expand
ALTER VIEW active_customers RENAME TO customers_active;

-- case: type-change-in-expand-is-not-destructive
-- rule: phase-destructive-in-expand
-- phase: expand
-- expect: none
ALTER TABLE customers ALTER COLUMN name TYPE varchar(200);

-- case: refresh-materialized-view
-- rule: refresh-materialized-view-blocking
-- phase: contract
-- expect: refresh-materialized-view-blocking
REFRESH MATERIALIZED VIEW customer_stats;

-- case: refresh-materialized-view-concurrently
-- rule: refresh-materialized-view-blocking
-- phase: contract
-- expect: none
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_stats;

-- case: detach-partition
-- rule: detach-partition-not-concurrent
-- phase: contract
-- expect: detach-partition-not-concurrent
ALTER TABLE events DETACH PARTITION events_2024;

-- case: detach-partition-concurrently
-- rule: detach-partition-not-concurrent
-- phase: contract
-- expect: none
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;

-- case: exclusion-constraint
-- rule: exclusion-constraint
-- phase: expand
-- expect: exclusion-constraint
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_one_per_customer EXCLUDE USING btree (customer_id WITH =);

-- case: exclusion-constraint-new-table
-- rule: exclusion-constraint
-- phase: expand
-- expect: none
CREATE TABLE bookings (room integer);
ALTER TABLE bookings ADD CONSTRAINT bookings_one_per_room EXCLUDE USING btree (room WITH =);

-- case: allow-before-statement
-- rule: unused-allow
-- phase: expand
-- expect: none
SELECT 1;
-- tidemark:allow index-not-concurrent orders holds 40 rows in every environment
CREATE INDEX orders_amount_idx ON orders (amount);

-- case: allow-in-header
-- rule: unused-allow
-- phase: expand
-- expect: none
-- tidemark:allow index-not-concurrent orders holds 40 rows in every environment
CREATE INDEX orders_amount_idx ON orders (amount);
CREATE INDEX orders_total_idx ON orders (total);

-- case: allow-suppressing-nothing
-- rule: unused-allow
-- phase: expand
-- expect: unused-allow
-- tidemark:allow rename-table nothing is renamed here
ALTER TABLE orders ADD COLUMN c4 integer;

-- case: allow-before-another-statement
-- rule: unused-allow
-- phase: expand
-- expect: unused-allow, index-not-concurrent
SELECT 1;
-- tidemark:allow index-not-concurrent meant for the index below, but placed too early
ALTER TABLE orders ADD COLUMN c5 integer;
CREATE INDEX orders_amount_idx ON orders (amount);

-- case: allow-unknown-rule
-- rule: invalid-allow
-- phase: expand
-- expect: invalid-allow
SELECT 1;
-- tidemark:allow no-such-rule because
SELECT 2;

-- case: allow-before-do-block
-- rule: invalid-allow
-- phase: expand
-- expect: none
SELECT 1;
-- tidemark:allow constraint-not-valid-missing orders holds a handful of rows
DO $$
BEGIN
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
END $$;
