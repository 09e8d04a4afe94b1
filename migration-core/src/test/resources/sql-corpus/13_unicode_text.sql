-- Non-ASCII letters are identifier characters in PostgreSQL: café, naïve, 日本.
CREATE TABLE shop.café (
    naïve     text,
    "Größe"   integer,
    日本語     text
);

INSERT INTO shop.café (naïve, "Größe", 日本語) VALUES ('crème brûlée; très bon', 42, '東京; 大阪');

INSERT INTO shop.café (naïve) VALUES ('emoji 😀; 🎉 and a quote: ''é''');

/* Commentaire : l'élève a dit « bonjour ; au revoir » */
SELECT $é$ dollar tag with a non-ASCII letter; $$ inside $é$ AS tagged;

COMMENT ON COLUMN shop.café.日本語 IS 'Japanese text — em dash; ellipsis…';
