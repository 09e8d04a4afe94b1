package dev.tidemark.migration.internal.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tidemark.migration.ContractMode;
import dev.tidemark.migration.FleetInstance;
import dev.tidemark.migration.MigrationInfo;
import dev.tidemark.migration.PlannedMigration;
import dev.tidemark.migration.MigrationState;
import dev.tidemark.migration.Phase;
import dev.tidemark.migration.Version;
import dev.tidemark.migration.internal.fleet.FleetSnapshot;
import dev.tidemark.migration.internal.history.AppliedMigration;
import dev.tidemark.migration.internal.history.Outcome;
import dev.tidemark.migration.internal.resolve.MigrationDirectives;
import dev.tidemark.migration.internal.resolve.ResolvedMigration;
import dev.tidemark.migration.internal.sql.SqlStatement;
import dev.tidemark.migration.internal.state.MigrationCatalog;

import static org.assertj.core.api.Assertions.assertThat;

class PhasePlannerTests {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final List<ResolvedMigration> migrations = List.of(
            migration(1, Phase.EXPAND, "1.0.0"),
            migration(2, Phase.EXPAND, "2.0.0"),
            migration(3, Phase.MIGRATE, "2.0.0"),
            migration(4, Phase.CONTRACT, "2.0.0"),
            migration(5, Phase.EXPAND, "3.0.0"));

    private final List<AppliedMigration> history = new ArrayList<>(List.of(applied(migrations.get(0))));

    @Test
    void withAnEmptyFleetCodeOfTheReleaseAppliesExpandButNotMigrateOrContract() {
        PhasePlan plan = plan("2.0.0", List.of(), Set.of(), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2");
        assertThat(reason(plan, 3)).isEqualTo("waiting for code newer than 2.0.0: no other instance has registered in "
                + "the fleet registry within the last 7 d (none live, none deregistered, none gone stale), so instances "
                + "running older code that do not register cannot be ruled out (this instance runs 2.0.0); if this "
                + "deployment only ever runs one instance, expect a single instance (tidemark.fleet.expected=single)");
        assertThat(reason(plan, 4)).isEqualTo("waits for V3 migrate \"m3\", which comes first");
    }

    @Test
    void withAnEmptyFleetCodeStrictlyNewerThanTheReleaseAppliesEverything() {
        PhasePlan plan = plan("3.0.0", List.of(), Set.of(), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2", "3", "4", "5");
        assertThat(plan.plan().deferred()).isEmpty();
    }

    @Test
    void thePlanningInstancesOwnRegistrationIsNotFleetData() {
        FleetInstance self = instance("self", "host-v2", "2.0.0", 1);
        PhasePlan plan = plan("2.0.0", List.of(self), Set.of("self"), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2");
        assertThat(reason(plan, 3)).startsWith("waiting for code newer than 2.0.0");
    }

    @Test
    void withMixedVersionsContractWaitsAndNamesTheOlderInstances() {
        List<FleetInstance> fleet = List.of(instance("a", "host-a", "1.0.0", 4), instance("b", "host-b", "2.0.0", 1),
                instance("c", "host-c", "1.2.0", 2));
        PhasePlan plan = plan("2.0.0", fleet, Set.of("b"), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2");
        assertThat(reason(plan, 3)).isEqualTo("waiting until every instance runs >= 2.0.0; still live below it: "
                + "host-a (1.0.0, heartbeat 4 s ago), host-c (1.2.0, heartbeat 2 s ago)");
        assertThat(plan.infos()).filteredOn((info) -> info.version().equals(Version.parse("3")))
            .extracting(MigrationInfo::state).containsExactly(MigrationState.DEFERRED);
    }

    @Test
    void instancesOnTheSameHostAreToldApartByTheirId() {
        List<FleetInstance> fleet = List.of(instance("0123456789abcdef", "host-a", "1.0.0", 4),
                instance("fedcba9876543210", "host-a", "1.0.0", 3), instance("v2", "host-b", "2.0.0", 0));
        assertThat(reason(plan("2.0.0", fleet, Set.of(), Trigger.REQUESTED), 3)).endsWith(
                "host-a [01234567] (1.0.0, heartbeat 4 s ago), host-a [fedcba98] (1.0.0, heartbeat 3 s ago)");
    }

    @Test
    void onceEveryLiveInstanceRunsTheReleaseMigrateAndContractApplyInOrder() {
        List<FleetInstance> fleet = List.of(instance("a", "host-a", "2.0.0", 4), instance("b", "host-b", "2.1.0", 1));
        PhasePlan plan = plan("2.0.0", fleet, Set.of("a"), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2", "3", "4");
        assertThat(reason(plan, 5)).isEqualTo("needs code >= 3.0.0; this instance runs 2.0.0");
    }

    @Test
    void aPreReleaseRanksBelowItsRelease() {
        List<FleetInstance> fleet = List.of(instance("a", "host-a", "2.0.0-SNAPSHOT", 1), instance("b", "host-b", "2.0.0", 1));
        assertThat(reason(plan("2.0.0", fleet, Set.of("b"), Trigger.REQUESTED), 3))
            .endsWith("still live below it: host-a (2.0.0-SNAPSHOT, heartbeat 1 s ago)");
        PhasePlan snapshotCode = plan("2.0.0-SNAPSHOT", List.of(), Set.of(), Trigger.STARTUP);
        assertThat(snapshotCode.plan().toApply()).isEmpty();
        assertThat(reason(snapshotCode, 2)).isEqualTo("needs code >= 2.0.0; this instance runs 2.0.0-SNAPSHOT");
    }

    @Test
    void anExpandOfAReleaseNewerThanTheCodeWaits() {
        PhasePlan plan = plan("2.5.0", List.of(instance("a", "host-a", "2.5.0", 0)), Set.of(), Trigger.STARTUP);
        assertThat(reason(plan, 5)).isEqualTo("needs code >= 3.0.0; this instance runs 2.5.0");
    }

    @Test
    void aDeferredContractOfRelease2DoesNotBlockTheExpandOfRelease3() {
        List<FleetInstance> fleet = List.of(instance("old", "host-a", "1.0.0", 3), instance("new", "host-b", "3.0.0", 0));
        PhasePlan plan = plan("3.0.0", fleet, Set.of("new"), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("2", "5");
        assertThat(versions(plan.plan().deferred())).containsExactly("3", "4");
    }

    @Test
    void atStartupOnlyExpandAppliesEvenWhenTheFleetAllowsTheRest() {
        PhasePlan plan = plan("3.0.0", List.of(), Set.of(), Trigger.STARTUP);
        assertThat(applying(plan)).containsExactly("2", "5");
        assertThat(reason(plan, 4)).isEqualTo("ready (no instance older than 2.0.0 is live and this code (3.0.0) is "
                + "newer than 2.0.0); contract migrations are applied in the background after startup, never before the application serves");
    }

    @Test
    void inManualModeTheScheduledReconciliationAppliesNoGatedWorkButARequestDoes() {
        List<FleetInstance> fleet = List.of(instance("a", "host-a", "2.0.0", 1));
        PhasePlanner manual = new PhasePlanner(Version.parse("2.0.0"), ContractMode.MANUAL);
        PhasePlan scheduled = manual.plan(catalog(), snapshot(fleet), Trigger.SCHEDULED, null);
        assertThat(applying(scheduled)).containsExactly("2");
        assertThat(scheduled.plan().deferred()).extracting(MigrationInfo::deferralReason).contains("ready (every live "
                + "instance runs >= 2.0.0 (1 other live instance registered)); contract mode is manual, so it waits for "
                + "an explicit request to apply deferred work");
        assertThat(applying(manual.plan(catalog(), snapshot(fleet), Trigger.REQUESTED, null)))
            .containsExactly("2", "3", "4");
        PhasePlan automatic = new PhasePlanner(Version.parse("2.0.0"), ContractMode.AUTOMATIC)
            .plan(catalog(), snapshot(fleet), Trigger.SCHEDULED, null);
        assertThat(applying(automatic)).containsExactly("2", "3", "4");
    }

    @Test
    void aForcedRunOverridesTheFleetButNeverAppliesANewerRelease() {
        List<FleetInstance> fleet = List.of(instance("old", "host-a", "1.0.0", 3));
        PhasePlan plan = plan("2.0.0", fleet, Set.of(), Trigger.FORCED);
        assertThat(applying(plan)).containsExactly("2", "3", "4");
        assertThat(plan.steps()).filteredOn(PlanStep::overridesFleetGate).extracting((step) -> step.migration().version())
            .containsExactlyInAnyOrder(Version.parse("3"), Version.parse("4"));
        assertThat(plan.steps()).filteredOn(PlanStep::overridesFleetGate).extracting((step) -> step.planned().note())
            .containsOnly("forced past the fleet gate: deploy window");
        assertThat(versions(plan.plan().deferred())).containsExactly("5");
    }

    @Test
    void appliedMigrationsAreNotPlannedAgain() {
        this.history.add(applied(this.migrations.get(1)));
        this.history.add(applied(this.migrations.get(2)));
        PhasePlan plan = plan("2.0.0", List.of(instance("a", "host-a", "2.0.0", 1)), Set.of(), Trigger.REQUESTED);
        assertThat(applying(plan)).containsExactly("4");
    }

    @Test
    void thePlanDescribesItselfForALog() {
        List<FleetInstance> fleet = List.of(instance("a", "host-a", "1.0.0", 4), instance("b", "host-b", "2.0.0", 0));
        String text = plan("2.0.0", fleet, Set.of("b"), Trigger.STARTUP).plan().describe();
        assertThat(text).isEqualTo("""
                Plan for code version 2.0.0; live fleet: host-a (1.0.0, heartbeat 4 s ago), host-b (2.0.0, heartbeat 0 s ago)
                  apply now:
                    V2 expand "m2" (release 2.0.0, 2.0.0/V2__expand__m2.sql), in one transaction:
                      line 1, ACCESS EXCLUSIVE (blocks reads and writes): ALTER TABLE t2 ADD COLUMN c int
                  deferred:
                    V3 migrate "m3" (release 2.0.0): waiting until every instance runs >= 2.0.0; still live below it: \
                host-a (1.0.0, heartbeat 4 s ago)
                    V4 contract "m4" (release 2.0.0): waits for V3 migrate "m3", which comes first
                    V5 expand "m5" (release 3.0.0): needs code >= 3.0.0; this instance runs 2.0.0""");
    }

    private PhasePlan plan(String code, List<FleetInstance> fleet, Set<String> self, Trigger trigger) {
        return new PhasePlanner(Version.parse(code), ContractMode.AUTOMATIC).plan(catalog(),
                new FleetSnapshot(fleet, self, List.of()), trigger, (trigger == Trigger.FORCED) ? "deploy window" : null);
    }

    private static FleetSnapshot snapshot(List<FleetInstance> fleet) {
        return new FleetSnapshot(fleet, Set.of(), List.of());
    }

    private static List<String> applying(PhasePlan plan) {
        return versions(plan.plan().toApply().stream().map(PlannedMigration::migration).toList());
    }

    private MigrationCatalog catalog() {
        return new MigrationCatalog(this.migrations, this.history);
    }

    private static String reason(PhasePlan plan, int version) {
        return plan.plan().deferred().stream()
            .filter((info) -> info.version().equals(Version.parse(String.valueOf(version))))
            .map(MigrationInfo::deferralReason)
            .findFirst()
            .orElseThrow(() -> new AssertionError("V" + version + " is not deferred in " + plan.plan().describe()));
    }

    private static List<String> versions(List<MigrationInfo> infos) {
        return infos.stream().map((info) -> info.version().toString()).toList();
    }

    private static ResolvedMigration migration(int version, Phase phase, String release) {
        String script = release + "/V" + version + "__" + phase.label() + "__m" + version + ".sql";
        return new ResolvedMigration(Version.parse(String.valueOf(version)), "m" + version, phase, Version.parse(release),
                script, "c" + version, true, List.of(new SqlStatement("ALTER TABLE t" + version + " ADD COLUMN c int", 1)),
                null, MigrationDirectives.NONE);
    }

    private static AppliedMigration applied(ResolvedMigration migration) {
        return new AppliedMigration(migration.version().hashCode(), migration.version(), migration.description(),
                migration.phase(), migration.release(), migration.script(), migration.checksum(), "postgres", NOW, "h",
                migration.release().toString(), Duration.ofMillis(5), Outcome.SUCCESS, 0, null, 1, null, null);
    }

    static FleetInstance instance(String id, String host, String version, int heartbeatSecondsAgo) {
        return new FleetInstance(id, Version.parse(version), host, NOW.minusSeconds(600),
                NOW.minusSeconds(heartbeatSecondsAgo), Duration.ofSeconds(heartbeatSecondsAgo));
    }

}
