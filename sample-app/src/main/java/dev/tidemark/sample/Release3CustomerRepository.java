package dev.tidemark.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Release 3: knows only {@code full_name}. It can run beside release 2 because release 2 made
 * {@code name} nullable, and release 3's CONTRACT migration drops {@code name} only once no release-2
 * instance is alive.
 */
@Repository
@ConditionalOnProperty(name = "sample.release", havingValue = "3", matchIfMissing = true)
class Release3CustomerRepository implements CustomerRepository {

    private final JdbcClient jdbc;

    Release3CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Customer create(String fullName) {
        long id = this.jdbc.sql("INSERT INTO customers (full_name) VALUES (:fullName) RETURNING id")
            .param("fullName", fullName)
            .query(Long.class)
            .single();
        return new Customer(id, fullName);
    }

    @Override
    public Optional<Customer> find(long id) {
        return this.jdbc.sql("SELECT id, full_name FROM customers WHERE id = :id").param("id", id).query(Customer.class).optional();
    }

    @Override
    public List<Customer> recent(int limit) {
        return this.jdbc.sql("SELECT id, full_name FROM customers ORDER BY id DESC LIMIT :limit")
            .param("limit", limit)
            .query(Customer.class)
            .list();
    }

}
