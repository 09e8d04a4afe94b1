package dev.tidemark.migration.internal.lint;

import java.util.ArrayList;
import java.util.List;

import dev.tidemark.migration.LintFinding;
import dev.tidemark.migration.LintSettings;
import dev.tidemark.migration.LintSeverity;
import dev.tidemark.migration.internal.lint.rules.Rules;
import dev.tidemark.migration.internal.lint.rules.StatementCheck.RawFinding;
import dev.tidemark.migration.internal.resolve.AllowDirective;

/**
 * Applies a file's {@code tidemark:allow} directives and the configured severities to its raw findings. A header
 * allow covers the whole file; one right before a statement covers that statement (for a {@code DO} block, every
 * statement inside it too). An allow that covers nothing is itself reported ({@code unused-allow}), and so is one
 * that names no known rule ({@code invalid-allow}). Not thread-safe: one per file.
 */
final class Suppressions {

    private static final int STATEMENT_WIDTH = 200;

    private final LintScript script;

    private final LintSettings settings;

    Suppressions(LintScript script, LintSettings settings) {
        this.script = script;
        this.settings = settings;
    }

    /**
     * Sorts the raw findings into reported and suppressed ones.
     * @param raw the file's findings
     * @param topLines for each finding, the line of the top-level statement that holds it
     * @param findings receives the findings to report
     * @param suppressed receives the suppressed findings
     */
    void apply(List<RawFinding> raw, List<Integer> topLines, List<LintFinding> findings, List<LintFinding> suppressed) {
        List<AllowDirective> allows = this.script.allows();
        boolean[] used = new boolean[allows.size()];
        List<LintFinding> file = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RawFinding finding = raw.get(i);
            int topLine = topLines.get(i);
            boolean allowed = false;
            for (int a = 0; a < allows.size(); a++) {
                AllowDirective allow = allows.get(a);
                if (allow.rule().equals(finding.rule())
                        && (allow.target() == 0 || allow.target() == topLine || allow.target() == finding.line())) {
                    used[a] = true;
                    allowed = true;
                }
            }
            LintSeverity severity = this.settings.severity(finding.rule());
            LintFinding result = new LintFinding(finding.rule(), severity, this.script.script(), finding.line(),
                    statement(finding), finding.message(), finding.safeAlternative());
            if (allowed) {
                suppressed.add(result);
            }
            else if (severity != LintSeverity.OFF) {
                file.add(result);
            }
        }
        for (int a = 0; a < allows.size(); a++) {
            AllowDirective allow = allows.get(a);
            String rule;
            String message;
            if (Rules.defaultSeverity(allow.rule()).isEmpty()) {
                rule = Rules.INVALID_ALLOW;
                message = "tidemark:allow names '" + allow.rule() + "', which is not a rule; known rules are "
                        + String.join(", ", Rules.defaultSeverities().keySet());
            }
            else if (!used[a]) {
                rule = Rules.UNUSED_ALLOW;
                message = "tidemark:allow " + allow.rule() + " suppresses nothing: " + ((allow.target() < 0)
                        ? "no statement follows it directly (put it on the line right before the statement, or in the header)"
                        : "the rule reports nothing " + ((allow.target() == 0) ? "in this file" : "for the statement below it"));
            }
            else {
                continue;
            }
            LintSeverity severity = this.settings.severity(rule);
            if (severity != LintSeverity.OFF) {
                file.add(new LintFinding(rule, severity, this.script.script(), allow.line(), "", message,
                        "-- remove the directive, or correct it"));
            }
        }
        file.sort((a, b) -> Integer.compare(a.line(), b.line()));
        findings.addAll(file);
    }

    private static String statement(RawFinding finding) {
        String text = finding.statement().normalized();
        return (text.length() > STATEMENT_WIDTH) ? text.substring(0, STATEMENT_WIDTH - 3) + "..." : text;
    }

}
