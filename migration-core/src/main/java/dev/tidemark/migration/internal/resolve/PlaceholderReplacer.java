package dev.tidemark.migration.internal.resolve;

import java.util.Locale;

import dev.tidemark.migration.InvalidMigrationException;
import dev.tidemark.migration.PlaceholderSettings;

/**
 * Replaces the placeholders of a script before it is split into statements, everywhere in the text as
 * Flyway does (comments and string constants included). A placeholder without a value stops the
 * migration with its file, line and name. Thread-safe (immutable).
 */
public final class PlaceholderReplacer {

    /** Replaces nothing. */
    public static final PlaceholderReplacer NONE = new PlaceholderReplacer(
            new PlaceholderSettings(PlaceholderSettings.DEFAULTS.values(), "${", "}", false));

    private final PlaceholderSettings settings;

    /** Creates the replacer of the settings. */
    public PlaceholderReplacer(PlaceholderSettings settings) {
        this.settings = settings;
    }

    /**
     * Replaces every placeholder of a normalized script.
     * @param script the path shown in errors
     * @throws InvalidMigrationException naming the line of a placeholder without a value
     */
    public String replace(String script, String content) {
        String prefix = this.settings.prefix();
        int open = content.indexOf(prefix);
        if (!this.settings.replacement() || open < 0) {
            return content;
        }
        StringBuilder replaced = new StringBuilder(content.length());
        int copied = 0;
        while (open >= 0) {
            int close = content.indexOf(this.settings.suffix(), open + prefix.length());
            if (close < 0) {
                break;
            }
            String name = content.substring(open + prefix.length(), close);
            String value = this.settings.values().get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                int line = 1 + (int) content.substring(0, open).chars().filter((c) -> c == '\n').count();
                throw new InvalidMigrationException(script, line, "uses the placeholder " + prefix + name
                        + this.settings.suffix() + ", which has no value: set it (tidemark.placeholders." + name
                        + " in Spring Boot, placeholders(...) in the core), or turn placeholder replacement off if "
                        + "the text is meant literally");
            }
            replaced.append(content, copied, open).append(value);
            copied = close + this.settings.suffix().length();
            open = content.indexOf(prefix, copied);
        }
        return replaced.append(content, copied, content.length()).toString();
    }

}
