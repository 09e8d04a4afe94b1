-- E'' strings: a backslash escapes the next character, so \' does not end the string.
INSERT INTO shop.customer (email, full_name) VALUES ('ann@example.com', E'Ann O\'Neil; \\ the first');

INSERT INTO shop.customer (email, full_name)
VALUES ('bob@example.com', e'Bob\tTab\nNew line; with \x41 and \101 and \u00e9');

UPDATE shop.customer SET full_name = E'It''s doubled too; and \\\'both\\\''
WHERE email = 'ann@example.com';

-- Standard strings keep backslashes literally (standard_conforming_strings = on).
UPDATE shop.orders SET note = 'C:\temp\' WHERE id = 1;

SELECT E'\\', 'plain \', E'ends with quote \'';
