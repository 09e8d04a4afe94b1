CREATE OR REPLACE FUNCTION shop.order_total(p_order_id bigint)
RETURNS integer
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    v_total integer;
BEGIN
    SELECT total_cents INTO v_total FROM shop.orders WHERE id = p_order_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % not found; check the id', p_order_id;
    END IF;
    RETURN v_total;
END;
$$;

CREATE OR REPLACE FUNCTION shop.rebuild_summary()
RETURNS void
LANGUAGE plpgsql
AS $body$
BEGIN
    -- Dynamic SQL keeps its own $$ quotes: they are plain text inside the tagged body.
    EXECUTE $$CREATE TEMP TABLE IF NOT EXISTS summary (customer_id bigint, total bigint)$$;
    EXECUTE $$TRUNCATE summary$$;
    EXECUTE format($fmt$INSERT INTO summary SELECT customer_id, sum(total_cents) FROM %I.orders GROUP BY 1$fmt$,
                   'shop');
END;
$body$;

CREATE FUNCTION shop.greeting(name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS 'SELECT ''Hello, '' || name || ''; welcome!''';

CREATE FUNCTION shop.add_cents(a integer, b integer) RETURNS integer
    LANGUAGE plpgsql AS $f$ BEGIN RETURN a + b; END $f$;

SELECT shop.greeting('world');
