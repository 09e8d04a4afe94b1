package dev.tidemark.sample;

/**
 * A customer as the API shows it, in every release.
 *
 * @param id the id
 * @param fullName the customer's full name
 */
public record Customer(long id, String fullName) {
}
