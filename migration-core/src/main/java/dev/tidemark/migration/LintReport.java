package dev.tidemark.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the safety linter found in a set of migrations: the findings to act on, in file and line order, and those
 * a {@code -- tidemark:allow} directive suppressed. A value; print it with {@link #describe()}, or fail a test with
 * {@link #assertNoErrors()}.
 *
 * @param linted how many migrations were linted
 * @param findings the findings whose severity is not {@link LintSeverity#OFF}, in file and line order
 * @param suppressed the findings a {@code -- tidemark:allow} directive suppressed
 */
public record LintReport(int linted, List<LintFinding> findings, List<LintFinding> suppressed) {

    /** Copies the lists. */
    public LintReport {
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }

    /** The findings of severity {@link LintSeverity#ERROR}. */
    public List<LintFinding> errors() {
        return this.findings.stream().filter((finding) -> finding.severity() == LintSeverity.ERROR).toList();
    }

    /** The findings of severity {@link LintSeverity#WARNING}. */
    public List<LintFinding> warnings() {
        return this.findings.stream().filter((finding) -> finding.severity() == LintSeverity.WARNING).toList();
    }

    /** Whether any finding is an error. */
    public boolean hasErrors() {
        return this.findings.stream().anyMatch((finding) -> finding.severity() == LintSeverity.ERROR);
    }

    /** The report as a person reads it: a summary line, then every finding with its safe alternative. */
    public String describe() {
        StringBuilder text = new StringBuilder("Tidemark lint: ").append(this.linted).append(" migration(s), ")
            .append(errors().size()).append(" error(s), ").append(warnings().size()).append(" warning(s)");
        if (!this.suppressed.isEmpty()) {
            text.append(", ").append(this.suppressed.size()).append(" suppressed by tidemark:allow");
        }
        if (!this.findings.isEmpty()) {
            text.append("\n\n").append(this.findings.stream().map(LintFinding::describe).collect(Collectors.joining("\n\n")));
        }
        return text.toString();
    }

    /**
     * Fails, for a JUnit (or any) test, when a finding is an error: throws an {@link AssertionError} whose message is
     * {@link #describe()}, so the test report shows every finding with its file, line and safe alternative.
     * @throws AssertionError when {@link #hasErrors()}
     */
    public void assertNoErrors() {
        if (hasErrors()) {
            throw new AssertionError(describe());
        }
    }

    /**
     * Fails when there is any finding, warnings included.
     * @throws AssertionError when a finding of any severity is reported
     */
    public void assertClean() {
        if (!this.findings.isEmpty()) {
            throw new AssertionError(describe());
        }
    }

}
