package dev.tidemark.migration.internal.lint.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tidemark.migration.internal.lint.parse.Expr;
import dev.tidemark.migration.internal.sql.SqlToken;

/**
 * Which functions are VOLATILE, so that a column default calling one (at any depth) is known to be evaluated
 * per row, rewriting the table. Without a database the built-in list below decides for PostgreSQL's own
 * functions; functions created by migrations count with their declared volatility (VOLATILE unless they say
 * otherwise); with a database, {@code pg_proc.provolatile} decides. A function that none of these knows is taken
 * as not volatile, so that an unknown name never raises a false alarm. Not thread-safe.
 */
public final class Volatility {

    /** PostgreSQL's VOLATILE functions that appear in column defaults (from {@code pg_proc.provolatile = 'v'}). */
    static final Set<String> BUILT_IN_VOLATILE = Set.of("random", "random_normal", "gen_random_uuid", "uuidv4",
            "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday",
            "nextval", "setval", "currval", "lastval", "setseed", "gen_random_bytes", "gen_salt", "txid_current_snapshot",
            "pg_current_snapshot");

    private final Map<String, Character> known = new HashMap<>();

    private boolean catalogLoaded;

    /** Records a function's volatility ({@code i}, {@code s} or {@code v}); a volatile overload wins. */
    void put(String function, char volatility) {
        this.known.merge(function, volatility, (a, b) -> (a == 'v' || b == 'v') ? 'v' : b);
    }

    /** Records that the catalog's volatile functions were loaded, so the built-in list is no longer needed. */
    void catalogLoaded() {
        this.catalogLoaded = true;
    }

    /** Whether the function, by bare name, is volatile. */
    public boolean isVolatile(String function) {
        Character volatility = this.known.get(function);
        if (volatility != null) {
            return volatility == 'v';
        }
        return !this.catalogLoaded && BUILT_IN_VOLATILE.contains(function);
    }

    /** The first volatile function the expression calls, at any depth, or the empty string. */
    public String firstVolatileCall(Expr expression) {
        List<SqlToken> tokens = expression.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isName() && tokens.get(i + 1).type() == SqlToken.Type.OPEN_PAREN
                    && (i == 0 || !tokens.get(i - 1).is("AS")) && isVolatile(token.identifier())) {
                return token.identifier();
            }
        }
        return "";
    }

}
