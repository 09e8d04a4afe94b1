package dev.tidemark.migration.internal.lint.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tidemark.migration.internal.sql.SqlToken;
import dev.tidemark.migration.internal.sql.SqlTokens;

/**
 * A column type, canonicalized so that the spellings PostgreSQL treats as one type compare equal:
 * {@code int}, {@code int4} and {@code integer} are {@code integer}; {@code character varying(20)} and
 * {@code varchar(20)} are {@code varchar} with modifier 20; {@code timestamp with time zone} is
 * {@code timestamptz}. The catalog's {@code format_type()} output reads the same way.
 *
 * @param base the canonical base type, lower case, without schema (e.g. {@code varchar}, {@code numeric})
 * @param modifiers the type modifiers in parentheses, e.g. {@code [12, 2]} for {@code numeric(12,2)}
 * @param array whether it is an array type
 * @param written the type as written
 */
public record TypeName(String base, List<Integer> modifiers, boolean array, String written) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("serial4", "serial"), Map.entry("serial8", "bigserial"),
            Map.entry("serial2", "smallserial"), Map.entry("character varying", "varchar"),
            Map.entry("character", "char"), Map.entry("bpchar", "char"), Map.entry("decimal", "numeric"),
            Map.entry("bool", "boolean"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"));

    /** Copies the list. */
    public TypeName {
        modifiers = List.copyOf(modifiers);
    }

    /** Reads a type from its tokens. */
    public static TypeName of(List<SqlToken> tokens) {
        List<String> words = new ArrayList<>();
        List<Integer> modifiers = new ArrayList<>();
        boolean array = false;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            switch (token.type()) {
                case OPEN_PAREN -> depth++;
                case CLOSE_PAREN -> depth--;
                case NUMBER -> {
                    if (depth == 1) {
                        modifiers.add(parseInt(token.text()));
                    }
                }
                case OTHER -> array |= token.text().equals("[");
                case DOT -> {
                    // pg_catalog.int4: the schema part is dropped below.
                    words.clear();
                }
                case WORD, QUOTED_IDENTIFIER -> {
                    if (depth == 0) {
                        if (token.is("ARRAY")) {
                            array = true;
                        }
                        else {
                            words.add(token.identifier());
                        }
                    }
                }
                default -> {
                }
            }
        }
        String base = String.join(" ", words);
        // "timestamp(3) with time zone" has its modifier between the words.
        base = ALIASES.getOrDefault(base, base);
        String written = new Expr(tokens).text();
        return new TypeName(base, modifiers, array, written);
    }

    /** Reads a type written as text, e.g. the catalog's {@code format_type()}. */
    public static TypeName parse(String text) {
        return of(SqlTokens.of(text, 1));
    }

    /** The first modifier (length or precision), or -1 when there is none. */
    public int firstModifier() {
        return this.modifiers.isEmpty() ? -1 : this.modifiers.get(0);
    }

    /** Whether this is one of the serial pseudo-types, which create a sequence and a default. */
    public boolean isSerial() {
        return !this.array && (this.base.equals("serial") || this.base.equals("bigserial")
                || this.base.equals("smallserial"));
    }

    /** Whether this is {@code json} (not {@code jsonb}), or an array of it. */
    public boolean isJson() {
        return this.base.equals("json");
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** The canonical form, e.g. {@code varchar(20)} or {@code integer[]}. */
    public String canonical() {
        StringBuilder text = new StringBuilder(this.base);
        if (!this.modifiers.isEmpty()) {
            text.append(this.modifiers.toString().replace('[', '(').replace(']', ')').replace(" ", ""));
        }
        return this.array ? text.append("[]").toString() : text.toString();
    }

    @Override
    public String toString() {
        return this.written.toLowerCase(Locale.ROOT);
    }

}
