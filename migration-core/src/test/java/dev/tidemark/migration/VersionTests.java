package dev.tidemark.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionTests {

    @Test
    void comparesNumbersNumberByNumberNotAsText() {
        assertThat(v("1.10.0")).isGreaterThan(v("1.9.2"));
        assertThat(v("2")).isGreaterThan(v("1.99.99"));
        assertThat(v("10")).isGreaterThan(v("9"));
    }

    @Test
    void countsMissingNumbersAsZero() {
        assertThat(v("2.0")).isEqualTo(v("2.0.0")).hasSameHashCodeAs(v("2.0.0"));
        assertThat(v("2")).isEqualByComparingTo(v("2.0.0.0"));
        assertThat(v("2.0.1")).isGreaterThan(v("2"));
    }

    @Test
    void ranksASnapshotBelowItsRelease() {
        assertThat(v("2.0.0-SNAPSHOT")).isLessThan(v("2.0.0"));
        assertThat(v("2.0.0-SNAPSHOT")).isGreaterThan(v("1.99.0"));
        assertThat(v("2.0.0-SNAPSHOT").isPreRelease()).isTrue();
        assertThat(v("2.0.0").isPreRelease()).isFalse();
    }

    @Test
    void ranksReleaseCandidatesInOrderAndBelowTheRelease() {
        assertThat(v("2.0.0-rc1")).isLessThan(v("2.0.0-rc2"));
        assertThat(v("2.0.0-rc2")).isLessThan(v("2.0.0-rc10"));
        assertThat(v("2.0.0-rc10")).isLessThan(v("2.0.0"));
        assertThat(v("2.0.0-alpha")).isLessThan(v("2.0.0-beta1")).isLessThan(v("2.0.0-M1"));
        assertThat(v("2.0.0-M1")).isLessThan(v("2.0.0-RC1")).isLessThan(v("2.0.0-SNAPSHOT"));
    }

    @Test
    void ignoresCaseAndSeparatorsInQualifiersAndLeadingZerosInTheirNumbers() {
        assertThat(v("2.0.0-RC1")).isEqualTo(v("2.0.0-rc.1")).isEqualTo(v("2.0.0-rc-01"));
        assertThat(v("2.0.0-RC1").hashCode()).isEqualTo(v("2.0.0-rc-01").hashCode());
    }

    @Test
    void treatsFinalGaAndReleaseQualifiersAsTheRelease() {
        assertThat(v("2.0.0.RELEASE")).isEqualTo(v("2.0.0")).hasSameHashCodeAs(v("2.0.0"));
        assertThat(v("5.6.1.Final")).isEqualTo(v("5.6.1"));
        assertThat(v("5.6.1.Final").isPreRelease()).isFalse();
    }

    @Test
    void comparesPlainIntegers() {
        assertThat(v("12")).isGreaterThan(v("2"));
        assertThat(v("007")).isEqualTo(v("7"));
    }

    @Test
    void comparesDates() {
        assertThat(v("2024-05-01")).isLessThan(v("2024-12-01"));
        assertThat(v("2024-12-01")).isLessThan(v("2025-01-01"));
        assertThat(v("20240501")).isLessThan(v("20241201"));
    }

    @Test
    void ignoresAVPrefixAndBuildMetadata() {
        assertThat(v("v2.1.0")).isEqualTo(v("2.1.0"));
        assertThat(v("V3")).isEqualTo(v("3"));
        assertThat(v("2.1.0+build.7")).isEqualTo(v("2.1.0"));
    }

    @Test
    void keepsTheTextAsWritten() {
        assertThat(v(" v2.0.0-SNAPSHOT ")).hasToString("v2.0.0-SNAPSHOT");
    }

    @Test
    void rejectsTextThatDoesNotStartWithANumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("")).withMessageContaining("not a version");
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("latest")).withMessageContaining("'latest'");
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("version2"));
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("1..2")).withMessageContaining("after the numbers");
        assertThatIllegalArgumentException().isThrownBy(() -> Version.parse("1.2.3.4567890123456789012"))
            .withMessageContaining("too long");
        assertThat(Version.isValid("2.0.0")).isTrue();
        assertThat(Version.isValid("migration")).isFalse();
    }

    private static Version v(String text) {
        return Version.parse(text);
    }

}
