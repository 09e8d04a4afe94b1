package dev.tidemark.migration;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defaults that are not plain constants: the host name, looked up only when no host is configured, and
 * the resolve options, which a copied builder keeps.
 */
class TidemarkConfigurationDefaultsTests {

    @Test
    void hostDefaultsToTheLocalHostName() throws Exception {
        assertThat(builder().build().host()).isEqualTo(InetAddress.getLocalHost().getHostName());
    }

    @Test
    void configuredHostWinsAndSurvivesACopy() {
        TidemarkConfiguration configuration = builder().host("pod-7").build();
        assertThat(configuration.host()).isEqualTo("pod-7");
        assertThat(configuration.toBuilder().build().host()).isEqualTo("pod-7");
    }

    @Test
    void filesAreUtf8AndMissingLocationsFailUnlessConfiguredOtherwise() {
        TidemarkConfiguration defaults = builder().build();
        assertThat(defaults.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(defaults.failOnMissingLocations()).isTrue();

        TidemarkConfiguration configured = builder().encoding(StandardCharsets.ISO_8859_1).failOnMissingLocations(false)
            .build().toBuilder().build();
        assertThat(configured.encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(configured.failOnMissingLocations()).isFalse();
    }

    private static TidemarkConfiguration.Builder builder() {
        return TidemarkConfiguration.builder().dataSource(new PGSimpleDataSource()).codeVersion("1.0.0");
    }

}
