package dev.tidemark.autoconfigure.aot;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * At build time, registers the {@code classpath:} locations of {@code tidemark.locations} (as the build's
 * configuration sets them) as native-image resources, so that a native image finds migrations outside
 * the default {@code db/migration} too. A location set only at run time cannot be known here; such an
 * application registers it with its own {@code RuntimeHintsRegistrar}.
 */
class TidemarkLocationsAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean("environment")) {
            return null;
        }
        Environment environment = beanFactory.getBean(Environment.class);
        List<String> folders = Binder.get(environment)
            .bind("tidemark.locations", Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .filter((location) -> !location.startsWith("filesystem:"))
            .map((location) -> trimSlashes(location.startsWith("classpath:") ? location.substring("classpath:".length())
                    : location))
            .filter((folder) -> !folder.isEmpty() && !folder.equals(TidemarkRuntimeHints.DEFAULT_FOLDER))
            .toList();
        if (folders.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> folders
            .forEach((folder) -> TidemarkRuntimeHints.registerLocation(generationContext.getRuntimeHints(), folder));
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

}
