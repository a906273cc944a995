package io.alertline.processor.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.auth.BearerTokenVerifier;
import reactor.core.publisher.Mono;

/**
 * {@code PROCESSOR_API_TOKEN} (or {@code PROCESSOR_METRICS_TOKEN}): when set, the API wants it as
 * a bearer token.
 */
public class ApiToken {

    private final BearerTokenVerifier verifier;

    public ApiToken(String token) {
        this.verifier = token == null || token.isBlank() ? null : new BearerTokenVerifier(List.of(token));
    }

    public boolean permits(ServerRequest request) {
        return permits(request.headers().firstHeader("Authorization"));
    }

    /** For a raw {@code Authorization} header (null when absent): true when no token is set or it carries the token. */
    public boolean permits(String authorizationHeader) {
        return verifier == null || authorizationHeader != null && verifier.verify(authorizationHeader).valid();
    }

    /** False when no token is set: the API is open. */
    public boolean isSet() {
        return verifier != null;
    }

    /** The {@code limit} query parameter: {@code fallback} when absent, null when not a number in 1..max. */
    public static Integer limit(ServerRequest request, int fallback, int max) {
        try {
            int limit = Integer.parseInt(request.queryParam("limit").orElse(Integer.toString(fallback)));
            return limit >= 1 && limit <= max ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Mono<ServerResponse> unauthorized() {
        return ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", "Unauthorized", "message", "Invalid or missing token"));
    }
}
