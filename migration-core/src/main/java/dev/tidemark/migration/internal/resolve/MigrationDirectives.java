package dev.tidemark.migration.internal.resolve;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.Version;

/**
 * Per-migration settings written as comment lines at the top of a script, before its first
 * statement:
 * <pre>
 * -- tidemark:release 2.0.0
 * -- tidemark:lock-timeout 5s
 * -- tidemark:statement-timeout none
 * -- tidemark:allow index-not-concurrent the table holds 40 rows
 * </pre>
 * Durations take a unit: {@code ms}, {@code s}, {@code m} or {@code h}; {@code none} disables a timeout.
 *
 * @param release the release, or {@code null} when the folder gives it
 * @param lockTimeout the {@code lock_timeout} for this migration, or {@code null} for the global one
 * @param statementTimeout the {@code statement_timeout} for this migration ({@link Duration#ZERO} for
 *        none), or {@code null} for the policy default
 * @param allows the safety linter's suppressions, which (unlike the other directives) may also stand right before
 *        a statement (see {@link AllowDirective})
 */
public record MigrationDirectives(@Nullable Version release, @Nullable Duration lockTimeout,
        @Nullable Duration statementTimeout, List<AllowDirective> allows) {

    /** No directives. */
    public static final MigrationDirectives NONE = new MigrationDirectives(null, null, null, List.of());

    /** Copies the list. */
    public MigrationDirectives {
        allows = List.copyOf(allows);
    }

    private static final String PREFIX = "-- tidemark:";

    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*tidemark:([a-z-]+)\\s+(\\S+)\\s*");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /**
     * Reads the directives of a normalized script.
     * @throws InvalidMigrationException naming the line of a malformed, unknown or misplaced directive
     */
    public static MigrationDirectives parse(String script, String content) {
        Version release = null;
        Duration lockTimeout = null;
        Duration statementTimeout = null;
        boolean inHeader = true;
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].trim();
            boolean directive = line.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("--tidemark:");
            if (AllowDirective.isAllow(line)) {
                // Read below by AllowDirective, header or not.
                continue;
            }
            if (!directive) {
                if (!line.isEmpty() && !line.startsWith("--")) {
                    inHeader = false;
                }
                continue;
            }
            if (!inHeader) {
                throw new InvalidMigrationException(script, lineNumber, "directive '" + line + "' comes after the first "
                        + "statement; move it to the comment lines at the top of the file");
            }
            Matcher matcher = DIRECTIVE.matcher(line);
            if (!matcher.matches()) {
                throw new InvalidMigrationException(script, lineNumber, "malformed directive '" + line + "': write "
                        + PREFIX + "<name> <value>, e.g. " + PREFIX + "release 2.0.0");
            }
            String value = matcher.group(2);
            switch (matcher.group(1)) {
                case "release" -> {
                    release = once(script, lineNumber, "release", release, releaseOf(script, lineNumber, value));
                }
                case "lock-timeout" -> {
                    Duration parsed = duration(script, lineNumber, "lock-timeout", value, false);
                    lockTimeout = once(script, lineNumber, "lock-timeout", lockTimeout, parsed);
                }
                case "statement-timeout" -> {
                    Duration parsed = duration(script, lineNumber, "statement-timeout", value, true);
                    statementTimeout = once(script, lineNumber, "statement-timeout", statementTimeout, parsed);
                }
                default -> throw new InvalidMigrationException(script, lineNumber, "unknown directive '"
                        + matcher.group(1) + "': known directives are release, lock-timeout, statement-timeout and allow");
            }
        }
        return new MigrationDirectives(release, lockTimeout, statementTimeout, AllowDirective.parseAll(script, content));
    }

    private static <T> T once(String script, int line, String name, @Nullable T previous, T value) {
        if (previous != null) {
            throw new InvalidMigrationException(script, line, "directive '" + name + "' is given twice; keep one");
        }
        return value;
    }

    private static Version releaseOf(String script, int line, String value) {
        try {
            return Version.parse(value);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidMigrationException(script, line, "malformed release in directive: " + ex.getMessage());
        }
    }

    private static Duration duration(String script, int line, String name, String value, boolean noneAllowed) {
        if (noneAllowed && value.equalsIgnoreCase("none")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new InvalidMigrationException(script, line, "malformed duration '" + value + "' in directive '"
                    + name + "': write a positive number with a unit (ms, s, m or h), e.g. 5s"
                    + (noneAllowed ? ", or none" : ""));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

}
