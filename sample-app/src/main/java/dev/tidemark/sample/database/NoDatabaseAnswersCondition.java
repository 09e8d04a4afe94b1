package dev.tidemark.sample.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the sample has no database to talk to: the embedded fallback is on
 * ({@code sample.embedded-database.enabled}, default true), Docker Compose support is off
 * ({@code spring.docker.compose.enabled}; when on, Compose provides the database) and nothing accepts
 * connections at the host and port of {@code spring.datasource.url}. A URL it cannot read (several hosts,
 * a Unix socket) counts as a database the user chose deliberately.
 */
class NoDatabaseAnswersCondition extends SpringBootCondition {

    private static final Pattern HOST_AND_PORT = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::(\\d+))?(?:/.*)?");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("NoDatabaseAnswers");
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("sample.embedded-database.enabled", Boolean.class, true)) {
            return ConditionOutcome.noMatch(message.because("sample.embedded-database.enabled is false"));
        }
        if (environment.getProperty("spring.docker.compose.enabled", Boolean.class, true)
                && ClassUtils.isPresent("org.springframework.boot.docker.compose.lifecycle.DockerComposeListener",
                        context.getClassLoader())) {
            return ConditionOutcome.noMatch(message.because("Docker Compose support provides the database"));
        }
        String url = environment.getProperty("spring.datasource.url", "");
        Optional<InetSocketAddress> address = address(url);
        if (address.isEmpty()) {
            return ConditionOutcome.noMatch(message.because("spring.datasource.url " + url + " names no single host and port"));
        }
        if (answers(address.get())) {
            return ConditionOutcome.noMatch(message.because("the database at " + address.get().getHostString() + ":"
                    + address.get().getPort() + " answers"));
        }
        return ConditionOutcome.match(message.because("nothing answers at " + address.get().getHostString() + ":"
                + address.get().getPort() + " (spring.datasource.url)"));
    }

    /** The host and port of a PostgreSQL JDBC URL with a single host; the driver's default port is 5432. */
    static Optional<InetSocketAddress> address(String url) {
        Matcher matcher = HOST_AND_PORT.matcher(url);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432;
        return Optional.of(InetSocketAddress.createUnresolved(matcher.group(1), port));
    }

    static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
