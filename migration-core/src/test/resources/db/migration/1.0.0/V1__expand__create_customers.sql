-- The default location, classpath:db/migration, as an application would ship it.
CREATE TABLE customers (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
