CREATE TABLE customer (id bigint PRIMARY KEY, full_name text NOT NULL);
