-- U&'' strings and U&"" identifiers use the standard doubling rules.
CREATE TABLE shop.U&"d\0061ta;1" (
    U&"col""x" text,
    label text DEFAULT U&'\0441\043B\043E\043D; elephant'
);

INSERT INTO shop.U&"d\0061ta;1" (label) VALUES (U&'d!0061t!+000061; done' UESCAPE '!');

INSERT INTO shop.U&"d\0061ta;1" (label) VALUES (u&'it''s \2603 ; snow');

SELECT U&"col""x", label FROM shop.U&"d\0061ta;1";
