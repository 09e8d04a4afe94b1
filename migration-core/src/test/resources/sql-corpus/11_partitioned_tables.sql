CREATE TABLE shop.events (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    happened   timestamptz NOT NULL,
    kind       text NOT NULL,
    payload    jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, happened)
) PARTITION BY RANGE (happened);

CREATE TABLE shop.events_2024 PARTITION OF shop.events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE shop.events_2025 PARTITION OF shop.events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE shop.events_default PARTITION OF shop.events DEFAULT;

CREATE INDEX events_kind_idx ON shop.events (kind);

-- Detaching concurrently takes only SHARE UPDATE EXCLUSIVE, but cannot run in a transaction.
ALTER TABLE shop.events DETACH PARTITION shop.events_2024 CONCURRENTLY;

ALTER TABLE shop.events ATTACH PARTITION shop.events_2024
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
