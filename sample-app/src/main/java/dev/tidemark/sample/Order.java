package dev.tidemark.sample;

import java.time.Instant;

/**
 * An order of a customer.
 *
 * @param id the id
 * @param customerId the customer who placed it
 * @param amountCents the amount in cents
 * @param createdAt when it was placed
 */
public record Order(long id, long customerId, long amountCents, Instant createdAt) {
}
