package dev.tidemark.migration;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.tidemark.testsupport.TestDatabase;
import dev.tidemark.testsupport.WithPostgres;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every option is validated when the configuration is built, and a bad value names its option (as
 * {@link InvalidConfigurationException#option()}, for tools, and in the message, for people).
 */
@WithPostgres
class TidemarkConfigurationTests {

    private final TestDatabase database;

    TidemarkConfigurationTests(TestDatabase database) {
        this.database = database;
    }

    @Test
    void theBuilderStartsFromEachGroupsDefaults() {
        TidemarkConfiguration configuration = valid().build();
        assertThat(configuration.lockSafety()).isEqualTo(LockSafetySettings.DEFAULTS);
        assertThat(configuration.migrationLock()).isEqualTo(MigrationLockSettings.DEFAULTS);
        assertThat(configuration.tables()).isEqualTo(TableSettings.DEFAULTS);
        assertThat(configuration.fleet()).isEqualTo(FleetSettings.DEFAULTS);
        assertThat(configuration.sources().locations()).containsExactly(SourceSettings.DEFAULT_LOCATION);
        assertThat(configuration.sources().encoding()).isEqualTo(SourceSettings.DEFAULT_ENCODING).isEqualTo(UTF_8);
        assertThat(configuration.sources().failOnMissingLocations()).isTrue();
    }

    @Test
    void toBuilderKeepsEveryGroup() {
        TidemarkConfiguration configuration = valid().lockTimeout(Duration.ofMillis(300))
            .initialLockTimeout(Duration.ofMillis(30)).concurrentLockTimeout(Duration.ofHours(1)).schema("app")
            .contractMode(ContractMode.MANUAL).host("pod-1").lockWaitTimeout(Duration.ofSeconds(9))
            .encoding(ISO_8859_1).failOnMissingLocations(false).build();
        TidemarkConfiguration copy = configuration.toBuilder().build();
        assertThat(copy.sources()).isEqualTo(configuration.sources());
        assertThat(copy.sources().encoding()).isEqualTo(ISO_8859_1);
        assertThat(copy.sources().failOnMissingLocations()).isFalse();
        assertThat(copy.lockSafety()).isEqualTo(configuration.lockSafety());
        assertThat(copy.tables()).isEqualTo(configuration.tables());
        assertThat(copy.fleet()).isEqualTo(configuration.fleet());
        assertThat(copy.migrationLock()).isEqualTo(configuration.migrationLock());
        assertThat(copy.fleet().host()).isEqualTo("pod-1");
        assertThat(copy.lockSafety().initialLockTimeout()).isEqualTo(Duration.ofMillis(30));
        assertThat(copy.lockSafety().concurrentLockTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDurationBelowOneMillisecondIsRefusedBecausePostgresWouldReadItAsNoTimeout() {
        assertInvalid((builder) -> builder.lockTimeout(Duration.ofNanos(500_000)), "lockTimeout",
                "must be at least 1ms but was PT0.0005S", "0 means none");
        assertInvalid((builder) -> builder.statementTimeout(Duration.ZERO), "statementTimeout", "must be at least 1ms");
        assertInvalid((builder) -> builder.initialLockTimeout(Duration.ZERO), "initialLockTimeout", "must be at least 1ms");
        assertInvalid((builder) -> builder.concurrentLockTimeout(Duration.ZERO), "concurrentLockTimeout",
                "must be at least 1ms");
        assertInvalid((builder) -> builder.lockWaitTimeout(Duration.ofSeconds(-1)), "lockWaitTimeout",
                "must be at least 1ms but was PT-1S");
        assertInvalid((builder) -> builder.heartbeatInterval(Duration.ofNanos(1)), "heartbeatInterval",
                "must be at least 1ms");
    }

    @Test
    void exactlyOneMillisecondIsAccepted() {
        assertThat(valid().lockTimeout(Duration.ofMillis(1)).build().lockSafety().lockTimeout())
            .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aHistoryTableNameTooLongForItsIndexNameIsRefused() {
        String fits = "h".repeat(63 - TableSettings.HISTORY_INDEX_SUFFIX.length());
        assertThat(valid().historyTable(fits).build().tables().historyTable()).isEqualTo(fits);
        assertInvalid((builder) -> builder.historyTable(fits + "x"), "historyTable",
                "at most 47 fit, because Tidemark names an index after it with 16 more characters");
        assertInvalid((builder) -> builder.instancesTable("i".repeat(64)), "instancesTable", "at most 63 fit");
    }

    @Test
    void theHistoryAndTheRegistryCannotShareATable() {
        assertInvalid((builder) -> builder.historyTable("tidemark").instancesTable("tidemark"), "instancesTable",
                "also the name of the history table");
    }

    @Test
    void aNameThatIsNoPlainIdentifierIsRefused() {
        assertInvalid((builder) -> builder.schema("my-schema"), "schema", "not a plain PostgreSQL identifier");
        assertInvalid((builder) -> builder.historyTable("1history"), "historyTable", "not a plain PostgreSQL identifier");
    }

    @Test
    void retryAndFleetOptionsAreCheckedAgainstEachOther() {
        assertInvalid((builder) -> builder.lockRetries(0), "lockRetries", "must be at least 1 but was 0");
        assertInvalid((builder) -> builder.lockRetryBackoff(Duration.ofSeconds(10)), "lockRetryMaxBackoff",
                "must not be shorter than lockRetryBackoff");
        assertInvalid((builder) -> builder.heartbeatInterval(Duration.ofMinutes(1)), "instanceStaleTimeout",
                "must be longer than heartbeatInterval");
        assertInvalid((builder) -> builder.host(" "), "host", "must not be blank");
        assertInvalid((builder) -> builder.locations(" "), "locations", "blank entry");
        assertInvalid((builder) -> builder.locations(java.util.List.of()), "locations", "nothing to migrate");
    }

    @Test
    void theDataSourceAndTheCodeVersionAreRequired() {
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> TidemarkConfiguration.builder().codeVersion("1.0.0").build())
            .satisfies((ex) -> assertThat(ex.option()).isEqualTo("dataSource"));
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> TidemarkConfiguration.builder().dataSource(this.database).build())
            .satisfies((ex) -> assertThat(ex.option()).isEqualTo("codeVersion"))
            .withMessageContaining("never guesses it");
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> TidemarkConfiguration.builder().codeVersion("latest"))
            .satisfies((ex) -> assertThat(ex.option()).isEqualTo("codeVersion"));
    }

    @Test
    void withoutAConfiguredHostTheMachineNameIsUsed() {
        assertThat(valid().build().fleet().host()).isNotBlank();
        assertThat(valid().build().fleet().configuredHost()).isNull();
    }

    private TidemarkConfiguration.Builder valid() {
        return TidemarkConfiguration.builder().dataSource(this.database).codeVersion("1.0.0");
    }

    private void assertInvalid(UnaryOperator<TidemarkConfiguration.Builder> change, String option, String... texts) {
        assertThatExceptionOfType(InvalidConfigurationException.class)
            .isThrownBy(() -> change.apply(valid()).build())
            .satisfies((ex) -> {
                assertThat(ex.option()).isEqualTo(option);
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                assertThat(ex.getMessage()).startsWith("Tidemark option '" + option + "' ");
                for (String text : texts) {
                    assertThat(ex.getMessage()).contains(text);
                }
            });
    }

}
