-- V1: the customer and order tables.
-- Author's note: don't add foreign keys to the audit table; it's append-only.

CREATE SCHEMA IF NOT EXISTS shop;

CREATE TABLE shop.customer (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    full_name   text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_email_format CHECK (email ~* '^[^@;]+@[^@;]+$')
);

COMMENT ON TABLE shop.customer IS 'People who buy things; one row per account.';

CREATE TABLE shop.orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES shop.customer (id) ON DELETE RESTRICT,
    status       text NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    total_cents  integer NOT NULL CHECK (total_cents >= 0), -- cents, never floats
    placed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shop.order_audit (
    order_id  bigint NOT NULL,
    changed   timestamptz NOT NULL DEFAULT clock_timestamp(),
    old_row   jsonb,
    new_row   jsonb
);

ALTER TABLE shop.orders ADD COLUMN note text;
ALTER TABLE shop.orders ALTER COLUMN note SET DEFAULT 'n/a; see ticket';
