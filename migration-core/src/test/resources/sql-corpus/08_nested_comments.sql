/* Block comments nest in PostgreSQL:
   /* this inner comment; with a semicolon */
   and this text is still commented out; DROP TABLE shop.orders;
*/
CREATE TABLE shop.notes (id serial PRIMARY KEY, body text);

/* a comment with 'quotes', "identifiers" and $$dollars; none of them open anything */
INSERT INTO shop.notes (body) VALUES ('first');

-- it's a line comment with an apostrophe; and "a quote
INSERT INTO shop.notes (body) VALUES ('second'); -- trailing comment; ignored

/* /* /* three levels */ */ */ INSERT INTO shop.notes (body) VALUES ('third');

SELECT /* inline; */ count(*) /* another
   multi-line; comment */ FROM shop.notes;
