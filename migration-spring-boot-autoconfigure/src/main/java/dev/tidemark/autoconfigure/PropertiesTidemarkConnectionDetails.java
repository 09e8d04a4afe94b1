package dev.tidemark.autoconfigure;

import org.jspecify.annotations.Nullable;

/** {@link TidemarkConnectionDetails} from {@code tidemark.url}, {@code tidemark.user} and {@code tidemark.password}. */
final class PropertiesTidemarkConnectionDetails implements TidemarkConnectionDetails {

    private final TidemarkProperties properties;

    PropertiesTidemarkConnectionDetails(TidemarkProperties properties) {
        this.properties = properties;
    }

    @Override
    public @Nullable String getJdbcUrl() {
        return this.properties.getUrl();
    }

    @Override
    public @Nullable String getUsername() {
        return this.properties.getUser();
    }

    @Override
    public @Nullable String getPassword() {
        return this.properties.getPassword();
    }

}
