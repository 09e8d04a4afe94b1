package dev.tidemark.migration.internal.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what the engine needs to know about a statement before running it: whether PostgreSQL accepts
 * it inside a transaction block, whether it is transaction control, whether it is
 * {@code COPY ... FROM STDIN}.
 * <p>
 * Decisions are made on the statement's normalized text (comments removed, whitespace collapsed) with
 * string constants, dollar-quoted bodies and quoted identifiers masked, so that neither a comment nor a
 * literal can look like a keyword; keywords match case-insensitively and must be whole words, so an
 * index named {@code concurrently_idx} is not {@code CONCURRENTLY}. A statement the classifier does not
 * recognise is transactional and not transaction control: that is PostgreSQL's own default.
 * <p>
 * Stateless and thread-safe.
 */
public final class StatementClassifier {

    // Java's \b treats "$" and non-ASCII letters as word boundaries; PostgreSQL identifiers contain both.
    private static final String END_OF_WORD = "(?![\\w$\\x{80}-\\x{10FFFF}])";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    /**
     * Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction
     * block"), whatever their options. REINDEX and ALTER SUBSCRIPTION depend on their options and are
     * decided separately.
     */
    private static final Pattern NEVER_IN_TRANSACTION = Pattern.compile("^(?:"
            + "CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY" + END_OF_WORD
            + "|DROP\\s+INDEX\\s+CONCURRENTLY" + END_OF_WORD
            + "|VACUUM" + END_OF_WORD
            + "|ALTER\\s+SYSTEM" + END_OF_WORD
            + "|(?:CREATE|DROP)\\s+(?:DATABASE|TABLESPACE|SUBSCRIPTION)" + END_OF_WORD
            + "|ALTER\\s+DATABASE\\s+\\S+\\s+SET\\s+TABLESPACE" + END_OF_WORD
            + "|DISCARD\\s+ALL" + END_OF_WORD
            // CLUSTER without a table reclusters every table, one transaction each.
            + "|CLUSTER(?:\\s*\\([^)]*\\))?(?:\\s+VERBOSE)?$"
            // DETACH PARTITION is the only subcommand of its ALTER TABLE, and CONCURRENTLY its last word.
            + "|ALTER\\s+TABLE\\s.*\\sDETACH\\s+PARTITION\\s.*\\sCONCURRENTLY$"
            // Two-phase commit control ends or acts outside the current transaction.
            + "|(?:COMMIT|ROLLBACK)\\s+PREPARED" + END_OF_WORD
            + ")", FLAGS);

    /** REINDEX [ (options) ] kind [ CONCURRENTLY ] ... with the options and kind captured. */
    private static final Pattern REINDEX = Pattern.compile(
            "^REINDEX(?:\\s*\\(([^)]*)\\))?\\s*(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM)" + END_OF_WORD
                    + "(\\s+CONCURRENTLY" + END_OF_WORD + ")?", FLAGS);

    /** A CONCURRENTLY option inside REINDEX's parentheses, switched off. */
    private static final Pattern CONCURRENTLY_OFF = Pattern.compile(
            "^\\s*CONCURRENTLY\\s+(?:FALSE|OFF|0)\\s*$", FLAGS);

    private static final Pattern CONCURRENTLY_OPTION = Pattern.compile("^\\s*CONCURRENTLY(?:\\s.*)?$", FLAGS);

    /** ALTER SUBSCRIPTION name ..., with the action captured. */
    private static final Pattern ALTER_SUBSCRIPTION = Pattern.compile("^ALTER\\s+SUBSCRIPTION\\s+\\S+\\s+(.*)$",
            FLAGS);

    // Actions that touch the publisher's replication slot, which no transaction can roll back.
    private static final Pattern SUBSCRIPTION_REFRESH = Pattern.compile("^REFRESH" + END_OF_WORD, FLAGS);

    private static final Pattern SUBSCRIPTION_PUBLICATION = Pattern.compile(
            "^(?:SET|ADD|DROP)\\s+PUBLICATION" + END_OF_WORD, FLAGS);

    private static final Pattern REFRESH_OFF = Pattern.compile(
            "(?<![\\w$])REFRESH\\s*(?:=\\s*)?(?:FALSE|OFF|0)" + END_OF_WORD, FLAGS);

    private static final Pattern SUBSCRIPTION_SLOT_OPTION = Pattern.compile(
            "^SET\\s*\\(.*(?<![\\w$])(?:FAILOVER|TWO_PHASE)" + END_OF_WORD, FLAGS);

    private static final Pattern TRANSACTION_CONTROL = Pattern.compile("^(?:"
            + "BEGIN" + END_OF_WORD + "(?!\\s+ATOMIC" + END_OF_WORD + ")"
            + "|START\\s+TRANSACTION" + END_OF_WORD
            + "|(?:COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)" + END_OF_WORD
            // PREPARE TRANSACTION takes a string; "PREPARE name AS ..." prepares a query instead.
            + "|PREPARE\\s+TRANSACTION\\s*''"
            + ")", FLAGS);

    private static final Pattern COPY_FROM_STDIN = Pattern.compile(
            "^COPY" + END_OF_WORD + ".*?(?<![\\w$\\x{80}-\\x{10FFFF}])FROM\\s+STDIN" + END_OF_WORD, FLAGS);

    private StatementClassifier() {
    }

    /**
     * Whether PostgreSQL accepts the statement inside a transaction block. False for
     * {@code CREATE [UNIQUE] INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY},
     * {@code REINDEX ... CONCURRENTLY} and {@code REINDEX SCHEMA|DATABASE|SYSTEM},
     * {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}, {@code VACUUM}, {@code ALTER SYSTEM},
     * {@code CREATE|DROP DATABASE|TABLESPACE|SUBSCRIPTION}, {@code ALTER DATABASE ... SET TABLESPACE},
     * {@code ALTER SUBSCRIPTION ... REFRESH PUBLICATION}, {@code ALTER SUBSCRIPTION ... SET|ADD|DROP
     * PUBLICATION} unless {@code refresh = false}, {@code ALTER SUBSCRIPTION ... SET (failover|two_phase
     * ...)}, {@code DISCARD ALL}, {@code CLUSTER} without a table, and {@code COMMIT|ROLLBACK PREPARED}.
     * <p>
     * Where PostgreSQL's answer depends on something the text does not show, the answer is false,
     * because running outside a transaction always works: {@code CREATE SUBSCRIPTION} with
     * {@code create_slot = false} and {@code DROP SUBSCRIPTION} of a subscription without a slot would
     * be accepted in a transaction but are reported as not. {@code CLUSTER} of a partitioned table
     * (refused in a transaction) cannot be told from the text and is reported as transactional.
     * {@code ALTER TYPE ... ADD VALUE} is transactional, as it is since PostgreSQL 12.
     * @param statement the statement
     * @return false if PostgreSQL would refuse it inside a transaction block; true otherwise, including
     * for every statement the classifier does not know
     */
    public static boolean canRunInTransaction(SqlStatement statement) {
        String text = masked(statement);
        return !NEVER_IN_TRANSACTION.matcher(text).find() && !isNonTransactionalReindex(text)
                && !isNonTransactionalSubscriptionChange(text);
    }

    /**
     * Whether the statement controls the transaction: {@code BEGIN}, {@code START TRANSACTION},
     * {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code SAVEPOINT}, {@code RELEASE},
     * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED} (and
     * {@code ROLLBACK TO SAVEPOINT}). A migration must not contain these, because the engine runs each
     * migration in a transaction of its own. {@code DO $$ BEGIN ... END $$} is a {@code DO} statement,
     * and a function with a {@code BEGIN ATOMIC} body is a {@code CREATE FUNCTION}; neither counts.
     * @param statement the statement
     * @return true for transaction control
     */
    public static boolean isTransactionControl(SqlStatement statement) {
        return TRANSACTION_CONTROL.matcher(masked(statement)).find();
    }

    /**
     * Whether the statement is {@code COPY ... FROM STDIN}, whose data follows the statement in the
     * script; the engine does not support it.
     * @param statement the statement
     * @return true for {@code COPY ... FROM STDIN}
     */
    public static boolean isCopyFromStdin(SqlStatement statement) {
        return COPY_FROM_STDIN.matcher(masked(statement)).find();
    }

    private static boolean isNonTransactionalReindex(String text) {
        Matcher reindex = REINDEX.matcher(text);
        if (!reindex.find()) {
            return false;
        }
        String kind = reindex.group(2).toUpperCase(Locale.ROOT);
        if (!kind.equals("INDEX") && !kind.equals("TABLE")) {
            return true;
        }
        if (reindex.group(3) != null) {
            return true;
        }
        String options = reindex.group(1);
        if (options == null) {
            return false;
        }
        // PostgreSQL 14+ also spells it as an option: REINDEX (CONCURRENTLY [boolean]) TABLE t.
        for (String option : options.split(",", -1)) {
            if (CONCURRENTLY_OPTION.matcher(option).matches() && !CONCURRENTLY_OFF.matcher(option).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNonTransactionalSubscriptionChange(String text) {
        Matcher alter = ALTER_SUBSCRIPTION.matcher(text);
        if (!alter.find()) {
            return false;
        }
        String action = alter.group(1);
        if (SUBSCRIPTION_REFRESH.matcher(action).find() || SUBSCRIPTION_SLOT_OPTION.matcher(action).find()) {
            return true;
        }
        // SET/ADD/DROP PUBLICATION refresh the subscription unless told not to (refresh defaults to true).
        return SUBSCRIPTION_PUBLICATION.matcher(action).find() && !REFRESH_OFF.matcher(action).find();
    }

    private static String masked(SqlStatement statement) {
        return statement.masked();
    }

}
