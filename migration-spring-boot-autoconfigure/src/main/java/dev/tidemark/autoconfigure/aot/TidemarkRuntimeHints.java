package dev.tidemark.autoconfigure.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.tidemark.autoconfigure.actuate.TidemarkEndpoint;

/**
 * What a GraalVM native image of a Tidemark application needs beyond what Spring's AOT processing finds
 * by itself: the migration scripts of the default location, {@code db/migration} with its release
 * folders, as resources (configured {@code classpath:} locations are added by
 * {@link TidemarkLocationsAotProcessor}); and JSON binding of the endpoint's apply-deferred answer, which
 * its web extension returns inside a {@code WebEndpointResponse<Object>} where AOT cannot see its type.
 */
public class TidemarkRuntimeHints implements RuntimeHintsRegistrar {

    /** The default location's folder, without the {@code classpath:} prefix. */
    static final String DEFAULT_FOLDER = "db/migration";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        registerLocation(hints, DEFAULT_FOLDER);
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
                TidemarkEndpoint.ApplyDeferredDescriptor.class);
    }

    /**
     * Registers a class path folder and every file under it: the folder itself, because Tidemark finds a
     * location through {@code ClassLoader.getResources(folder)} and then lists it.
     */
    static void registerLocation(RuntimeHints hints, String folder) {
        hints.resources().registerPattern(folder).registerPattern(folder + "/**");
    }

}
