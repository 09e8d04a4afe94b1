CREATE TABLE shop."odd;name" (
    "select" int,
    "semi;colon" text,
    "quote""inside" text,
    "-- not a comment" text,
    "/* nor this */" text,
    "$$ not a dollar quote" text
);

CREATE INDEX "odd;name_idx" ON shop."odd;name" ("semi;colon");

-- Identifiers may contain dollar signs after the first character.
CREATE TABLE shop.price$history (amount$cents integer, x$$ integer, t$1 integer);

INSERT INTO shop.price$history (amount$cents, x$$, t$1) VALUES (100, 1, 2);

SELECT "quote""inside", "semi;colon" FROM shop."odd;name" WHERE "select" = 1;
