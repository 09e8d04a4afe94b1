CREATE TABLE shop.flags (name text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false);

INSERT INTO shop.flags (name) VALUES ('new-checkout');

;;

UPDATE shop.flags
SET enabled = true
WHERE name = 'new-checkout'
-- no semicolon after the last statement, only this comment
/* and a block comment ; */
