INSERT INTO shop.notes (body) VALUES ('-- not a comment; really');
INSERT INTO shop.notes (body) VALUES ('/* not a comment either */');
INSERT INTO shop.notes (body) VALUES ('/* unclosed comment marker inside a string');
INSERT INTO shop.notes (body) VALUES ($$ -- dollar body with /* markers $$);
INSERT INTO shop.notes (body) VALUES (E'escape -- with \' and /*');
SELECT '*/' AS closer, '--' AS dashes, '/*' || '*/' AS both;
UPDATE shop.notes SET body = 'a multi-line string
-- with a comment-looking line;
/* and this */
end' WHERE id = 1;
