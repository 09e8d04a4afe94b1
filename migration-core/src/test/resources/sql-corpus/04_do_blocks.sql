DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shop_reader') THEN
        CREATE ROLE shop_reader;
    END IF;
END
$$;

DO LANGUAGE plpgsql $do$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'shop' LOOP
        EXECUTE format('GRANT SELECT ON shop.%I TO shop_reader;', r.tablename);
        RAISE NOTICE 'granted on %; next', r.tablename;
    END LOOP;
    -- a nested $$ is just text here; so is a lone ; or a '
    PERFORM $$ ; ' $$;
END;
$do$;

DO $x$ BEGIN RAISE NOTICE 'one-liner; still one statement'; END $x$;

DO
$$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM shop.orders;
    RAISE NOTICE '% orders', n;
END
$$
;
