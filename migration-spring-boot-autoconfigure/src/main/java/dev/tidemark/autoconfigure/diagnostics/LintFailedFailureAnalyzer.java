package dev.tidemark.autoconfigure.diagnostics;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tidemark.migration.LintFailedException;
import dev.tidemark.migration.LintFinding;

/**
 * Explains pending migrations that the safety linter stopped: for each error, the rule id, the file and line and the
 * statement with what is wrong; as the action, the safe alternative of each and the ways to accept a finding.
 */
class LintFailedFailureAnalyzer extends AbstractFailureAnalyzer<LintFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LintFailedException cause) {
        String description = "Tidemark's safety linter stopped startup before any migration was applied: "
                + cause.errors().size() + " pending migration statement(s) would block the application or break "
                + "the running release.\n\n" + cause.errors().stream()
                    .map((finding) -> "    " + finding.rule() + " at " + finding.script() + " line " + finding.line()
                            + ":\n      " + finding.statement() + "\n      " + finding.message())
                    .collect(Collectors.joining("\n\n"));
        String action = "Change each migration to its safe alternative:\n\n" + cause.errors().stream()
            .map(LintFailedFailureAnalyzer::alternative).collect(Collectors.joining("\n\n"))
                + "\n\nWhere a finding is safe in your case (a small table, a maintenance window), keep the statement "
                + "and write '-- tidemark:allow <rule-id> <reason>' on the line before it (or in the file's header "
                + "for the whole file). Set tidemark.lint.mode=warn to only log findings, or change a rule's severity "
                + "with tidemark.lint.rules.<rule-id>=warning.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String alternative(LintFinding finding) {
        return "    " + finding.rule() + " at " + finding.script() + " line " + finding.line() + ":\n"
                + finding.safeAlternative().lines().map((line) -> "      " + line).collect(Collectors.joining("\n"));
    }

}
