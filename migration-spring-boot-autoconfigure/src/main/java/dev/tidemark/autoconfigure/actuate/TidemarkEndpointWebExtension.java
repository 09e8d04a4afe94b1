package dev.tidemark.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link TidemarkEndpoint}'s write operation: a malformed request (e.g. {@code force}
 * without a {@code reason}) answers 400 with a body that says what is wrong, where the generic error
 * handling would answer a bare status, since Spring Boot hides error messages by default.
 */
@EndpointWebExtension(endpoint = TidemarkEndpoint.class)
public class TidemarkEndpointWebExtension {

    private final TidemarkEndpoint endpoint;

    /**
     * Creates the extension.
     * @param endpoint the endpoint whose write operation it serves over HTTP
     */
    public TidemarkEndpointWebExtension(TidemarkEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Applies deferred work like {@link TidemarkEndpoint#applyDeferred}, answering 400 with a message for a
     * malformed request.
     * @param force whether to override the gating rules
     * @param reason why they are overridden; required with {@code force=true}
     * @return what each bean applied and what still waits, or the problem with the request
     */
    @WriteOperation
    public WebEndpointResponse<Object> applyDeferred(@Nullable Boolean force, @Nullable String reason) {
        String invalid = TidemarkEndpoint.invalidRequest(force, reason);
        if (invalid != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", WebEndpointResponse.STATUS_BAD_REQUEST);
            body.put("error", "Bad Request");
            body.put("message", invalid);
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        return new WebEndpointResponse<>(this.endpoint.applyDeferred(force, reason));
    }

}
