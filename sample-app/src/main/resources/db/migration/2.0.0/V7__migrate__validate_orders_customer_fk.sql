-- VALIDATE CONSTRAINT scans orders under SHARE UPDATE EXCLUSIVE, so inserts and updates continue.
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
