package dev.tidemark.autoconfigure;

import dev.tidemark.migration.ErrorCode;
import dev.tidemark.migration.TidemarkException;

/**
 * Neither {@code tidemark.code-version} nor Spring Boot build information names the version of the code
 * this instance runs. Tidemark never guesses it, because the phase rules depend on it.
 */
public class MissingCodeVersionException extends TidemarkException {

    /** Creates the exception. */
    public MissingCodeVersionException() {
        super(ErrorCode.INVALID_CONFIGURATION, "Tidemark needs the version of the code this instance runs and found "
                + "none: the property tidemark.code-version is not set and there is no BuildProperties bean (no "
                + "META-INF/build-info.properties on the classpath). Tidemark never guesses it, because which "
                + "migrations may run depends on it.");
    }

}
