package dev.tidemark.autoconfigure.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Stands in for the {@code tidemark} health indicator when Tidemark or its indicator is switched off:
 * always UP, with the switch in the details. Health groups name their members and Spring Boot refuses to
 * start when one is missing, so without it turning a switch would break a readiness group that includes
 * {@code tidemark}. Thread-safe (immutable).
 */
final class SwitchedOffTidemarkHealthIndicator implements HealthIndicator {

    private final String property;

    /** @param property the property that switched it off, e.g. {@code tidemark.enabled=false} */
    SwitchedOffTidemarkHealthIndicator(String property) {
        this.property = property;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("enabled", false).withDetail("switchedOffBy", this.property).build();
    }

}
