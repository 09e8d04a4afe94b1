CREATE VIEW shop.open_orders AS
    SELECT id, customer_id, total_cents FROM shop.orders WHERE status IN ('new', 'paid');

-- A rule with several actions: the semicolons between the parentheses belong to it.
CREATE RULE open_orders_insert AS ON INSERT TO shop.open_orders DO INSTEAD (
    INSERT INTO shop.orders (customer_id, total_cents) VALUES (NEW.customer_id, NEW.total_cents);
    INSERT INTO shop.order_audit (order_id, new_row) VALUES (currval('shop.orders_id_seq'), NULL);
);

CREATE MATERIALIZED VIEW shop.daily_revenue AS
    SELECT date_trunc('day', placed_at) AS day, sum(total_cents) AS cents
    FROM shop.orders GROUP BY 1
WITH NO DATA;

REFRESH MATERIALIZED VIEW shop.daily_revenue;
