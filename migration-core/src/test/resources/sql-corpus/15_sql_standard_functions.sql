-- SQL-standard function bodies (PostgreSQL 14+): the semicolons inside BEGIN ATOMIC ... END
-- belong to the function.
CREATE FUNCTION shop.order_count(p_customer bigint) RETURNS bigint
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM shop.orders WHERE customer_id = p_customer;
END;

CREATE OR REPLACE PROCEDURE shop.cancel_stale()
    LANGUAGE sql
BEGIN ATOMIC
    UPDATE shop.orders
       SET status = CASE WHEN total_cents = 0 THEN 'cancelled' ELSE status END
     WHERE status = 'new' AND placed_at < now() - interval '30 days';
    INSERT INTO shop.order_audit (order_id, new_row)
    SELECT id, jsonb_build_object('status', CASE status WHEN 'cancelled' THEN 'gone; for good' END)
      FROM shop.orders WHERE status = 'cancelled';
END;

CREATE FUNCTION shop.size_label(cents integer) RETURNS text
    LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT CASE
               WHEN cents < 1000 THEN 'small'
               WHEN cents < 10000 THEN CASE WHEN cents % 2 = 0 THEN 'medium; even' ELSE 'medium' END
               ELSE 'large'
           END;
END;

SELECT shop.size_label(500);
