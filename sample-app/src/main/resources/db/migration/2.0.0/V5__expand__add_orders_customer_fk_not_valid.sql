-- NOT VALID: new and updated rows are checked from now on, existing rows are not scanned, so the
-- SHARE ROW EXCLUSIVE lock is held only for a moment. VALIDATE comes in a MIGRATE step.
ALTER TABLE orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
