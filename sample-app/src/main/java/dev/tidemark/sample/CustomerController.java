package dev.tidemark.sample;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The HTTP API: customers and their orders. */
@RestController
@RequestMapping("/customers")
class CustomerController {

    private final CustomerRepository customers;

    private final OrderRepository orders;

    private final String release;

    CustomerController(CustomerRepository customers, OrderRepository orders, @Value("${sample.release}") String release) {
        this.customers = customers;
        this.orders = orders;
        this.release = release;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Customer create(@RequestBody NewCustomer request) {
        return this.customers.create(request.fullName());
    }

    @GetMapping
    List<Customer> recent() {
        return this.customers.recent(20);
    }

    @GetMapping("/{id}")
    Customer find(@PathVariable long id) {
        return this.customers.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No customer " + id + " (served by release " + this.release + ")"));
    }

    @PostMapping("/{id}/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Order order(@PathVariable long id, @RequestBody NewOrder request) {
        find(id);
        return this.orders.create(id, request.amountCents());
    }

    @GetMapping("/{id}/orders")
    List<Order> orders(@PathVariable long id) {
        return this.orders.ofCustomer(id);
    }

    record NewCustomer(String fullName) {
    }

    record NewOrder(long amountCents) {
    }

}
