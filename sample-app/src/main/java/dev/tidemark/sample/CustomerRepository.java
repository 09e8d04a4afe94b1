package dev.tidemark.sample;

import java.util.List;
import java.util.Optional;

/** Reads and writes customers; each release has its own implementation over its own schema shape. */
public interface CustomerRepository {

    /** Stores a new customer and returns it with its id. */
    Customer create(String fullName);

    /** Finds a customer by id. */
    Optional<Customer> find(long id);

    /** Lists the most recent customers. */
    List<Customer> recent(int limit);

}
