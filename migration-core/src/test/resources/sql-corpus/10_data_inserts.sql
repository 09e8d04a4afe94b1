INSERT INTO shop.customer (email, full_name) VALUES
    ('carla@example.com', 'Carla Diaz'),
    ('dmitri@example.com', 'Dmitri O''Brien'),
    ('eve@example.com', 'Eve; the eavesdropper');

INSERT INTO shop.orders (customer_id, status, total_cents)
SELECT c.id, 'new', 1999
FROM shop.customer c
WHERE c.email LIKE '%@example.com'
ON CONFLICT DO NOTHING;

WITH paid AS (
    UPDATE shop.orders SET status = 'paid' WHERE status = 'new' AND total_cents < 5000
    RETURNING id
)
INSERT INTO shop.order_audit (order_id, new_row)
SELECT id, jsonb_build_object('status', 'paid', 'why', 'bulk; small orders') FROM paid;

INSERT INTO shop.customer (email, full_name)
VALUES ('frank@example.com', 'Frank')
ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name || ' (again)';

DELETE FROM shop.orders WHERE status = 'cancelled' AND placed_at < now() - interval '1 year';
