package dev.tidemark.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the sample. {@code sample.release} (2 or 3, default 3) selects the code paths of that release
 * and sets {@code tidemark.code-version} to match, so two releases can run side by side on two ports.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
