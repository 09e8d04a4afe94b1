package dev.tidemark.migration;

/**
 * An option of {@link TidemarkConfiguration} has a value Tidemark cannot work with. Thrown when the
 * configuration is built, before anything touches the database; a location that does not exist is found
 * when migrations are first resolved, also before anything touches the database. {@link #option()} names the option as
 * its builder method does (e.g. {@code lockTimeout}), so that tools such as the Spring Boot failure
 * analyzer can point at their own name for it without reading the message.
 */
public class InvalidConfigurationException extends TidemarkException {

    private final String option;

    private final String problem;

    /**
     * Creates the exception.
     * @param option the option at fault, as its builder method is named
     * @param problem what is wrong with its value and what to do, without the option's name
     */
    public InvalidConfigurationException(String option, String problem) {
        super(ErrorCode.INVALID_CONFIGURATION, "Tidemark option '" + option + "' " + problem);
        this.option = option;
        this.problem = problem;
    }

    /** The option at fault, as its builder method is named, e.g. {@code lockTimeout}. */
    public String option() {
        return this.option;
    }

    /** What is wrong with the value, and what to do. */
    public String problem() {
        return this.problem;
    }

}
