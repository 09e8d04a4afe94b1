/*
 * Audit trigger: copies every change to shop.order_audit.
 * Runs AFTER so that it sees the final row; it's cheap because it's one INSERT.
 */
CREATE OR REPLACE FUNCTION shop.audit_order() RETURNS trigger
LANGUAGE plpgsql
AS $trigger$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO shop.order_audit (order_id, old_row) VALUES (OLD.id, to_jsonb(OLD));
        RETURN OLD;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO shop.order_audit (order_id, old_row, new_row)
        VALUES (NEW.id, to_jsonb(OLD), to_jsonb(NEW));
    ELSE
        INSERT INTO shop.order_audit (order_id, new_row) VALUES (NEW.id, to_jsonb(NEW));
    END IF;
    RETURN NEW;
END;
$trigger$;

DROP TRIGGER IF EXISTS order_audit ON shop.orders;

CREATE TRIGGER order_audit
    AFTER INSERT OR UPDATE OR DELETE ON shop.orders
    FOR EACH ROW EXECUTE FUNCTION shop.audit_order();

CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    NEW.placed_at := now(); -- keep it fresh
    RETURN NEW;
END;
';

CREATE TRIGGER orders_touch BEFORE UPDATE ON shop.orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION shop.touch();
