package dev.tidemark.migration.internal.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tidemark.migration.InvalidMigrationException;

/**
 * A {@code -- tidemark:allow <rule-id> <reason>} directive, which suppresses a safety-linter finding: in the
 * header comment lines it covers the whole file; on the comment line(s) right before a statement, that statement.
 * The reason is required, so that a reviewer reads why the finding is safe here.
 *
 * @param rule the rule id it suppresses, as written (the linter reports an unknown one)
 * @param reason why the finding is safe here
 * @param line the directive's own line
 * @param target 0 for the whole file; else the line of the statement it precedes, or -1 when no statement follows
 *        it directly (it then suppresses nothing, which the linter reports)
 */
public record AllowDirective(String rule, String reason, int line, int target) {

    private static final Pattern ALLOW = Pattern.compile("--\\s*tidemark:allow(?:\\s+(\\S+))?(?:\\s+(.*))?",
            Pattern.CASE_INSENSITIVE);

    /** Whether a trimmed line is an allow directive. */
    static boolean isAllow(String trimmedLine) {
        return trimmedLine.replace(" ", "").toLowerCase(java.util.Locale.ROOT).startsWith("--tidemark:allow");
    }

    /**
     * Reads the allow directives of a normalized script.
     * @throws InvalidMigrationException naming the line of a directive without a rule id or a reason
     */
    public static List<AllowDirective> parseAll(String script, String content) {
        List<AllowDirective> allows = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        boolean inHeader = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.isEmpty() && !line.startsWith("--")) {
                inHeader = false;
            }
            if (!isAllow(line)) {
                continue;
            }
            Matcher matcher = ALLOW.matcher(line);
            String rule = matcher.matches() ? matcher.group(1) : null;
            String reason = matcher.matches() ? matcher.group(2) : null;
            if (rule == null || reason == null || reason.isBlank()) {
                throw new InvalidMigrationException(script, i + 1, "directive '" + line + "' needs a rule id and a reason: "
                        + "write -- tidemark:allow <rule-id> <why it is safe here>, e.g. -- tidemark:allow "
                        + "index-not-concurrent the table holds 40 rows");
            }
            allows.add(new AllowDirective(rule, reason.trim(), i + 1, inHeader ? 0 : statementAfter(lines, i)));
        }
        return List.copyOf(allows);
    }

    /** The line of the statement right after the comment lines that hold line {@code index}, or -1. */
    private static int statementAfter(String[] lines, int index) {
        for (int i = index + 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                return -1;
            }
            if (!line.startsWith("--")) {
                return i + 1;
            }
        }
        return -1;
    }

}
