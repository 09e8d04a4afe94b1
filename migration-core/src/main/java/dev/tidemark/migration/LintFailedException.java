package dev.tidemark.migration;

import java.util.List;

/**
 * The safety linter found errors in the pending migrations, and {@link LintSettings#mode()} is
 * {@link LintMode#FAIL}: nothing was applied. {@link #report()} holds every finding with its rule id, file, line and
 * safe alternative. Fix the migration, or, where the finding is safe in this case, suppress it in the file with
 * {@code -- tidemark:allow <rule-id> <reason>}.
 */
public class LintFailedException extends TidemarkException {

    private final transient LintReport report;

    /** Creates the exception for a report that has errors. */
    public LintFailedException(LintReport report) {
        super(ErrorCode.LINT_FAILED, message(report));
        this.report = report;
    }

    /** The full report, warnings included. */
    public LintReport report() {
        return this.report;
    }

    /** The findings of severity error, which stopped the run. */
    public List<LintFinding> errors() {
        return this.report.errors();
    }

    private static String message(LintReport report) {
        List<LintFinding> errors = report.errors();
        StringBuilder text = new StringBuilder("The safety linter found ").append(errors.size())
            .append(" error(s) in the pending migrations, so none was applied. Fix each migration, or suppress a finding "
                    + "that is safe here with '-- tidemark:allow <rule-id> <reason>' before its statement:");
        errors.forEach((finding) -> text.append("\n\n").append(finding.describe()));
        return text.toString();
    }

}
