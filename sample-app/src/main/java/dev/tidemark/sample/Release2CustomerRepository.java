package dev.tidemark.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Release 2: writes both {@code name} and {@code full_name} (dual write), so release-1 code that reads
 * {@code name} keeps working; reads {@code full_name}, falling back to {@code name} for rows the
 * backfill has not reached yet.
 */
@Repository
@ConditionalOnProperty(name = "sample.release", havingValue = "2")
class Release2CustomerRepository implements CustomerRepository {

    private final JdbcClient jdbc;

    Release2CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Customer create(String fullName) {
        long id = this.jdbc.sql("INSERT INTO customers (name, full_name) VALUES (:name, :name) RETURNING id")
            .param("name", fullName)
            .query(Long.class)
            .single();
        return new Customer(id, fullName);
    }

    @Override
    public Optional<Customer> find(long id) {
        return this.jdbc.sql("SELECT id, coalesce(full_name, name) AS full_name FROM customers WHERE id = :id")
            .param("id", id)
            .query(Customer.class)
            .optional();
    }

    @Override
    public List<Customer> recent(int limit) {
        return this.jdbc.sql("SELECT id, coalesce(full_name, name) AS full_name FROM customers ORDER BY id DESC LIMIT :limit")
            .param("limit", limit)
            .query(Customer.class)
            .list();
    }

}
