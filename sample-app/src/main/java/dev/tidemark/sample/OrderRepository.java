package dev.tidemark.sample;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes orders; their shape is the same in every release. */
@Repository
class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Order create(long customerId, long amountCents) {
        return this.jdbc.sql("INSERT INTO orders (customer_id, amount_cents) VALUES (:customerId, :amountCents) "
                + "RETURNING id, customer_id, amount_cents, created_at")
            .param("customerId", customerId)
            .param("amountCents", amountCents)
            .query(Order.class)
            .single();
    }

    List<Order> ofCustomer(long customerId) {
        return this.jdbc.sql("SELECT id, customer_id, amount_cents, created_at FROM orders WHERE customer_id = :customerId "
                + "ORDER BY id")
            .param("customerId", customerId)
            .query(Order.class)
            .list();
    }

}
