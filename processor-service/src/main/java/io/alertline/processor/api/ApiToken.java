package io.alertline.processor.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    private final String fingerprint;

    public ApiToken(String token) {
        this.verifier = token == null || token.isBlank() ? null : new BearerTokenVerifier(List.of(token));
        this.fingerprint = verifier == null ? null : fingerprint(token);
    }

    /**
     * Who an API call acted as, for the audit: the token it authenticated with, by the first 8 hex
     * digits of the token's SHA-256 (enough to tell tokens apart across a rotation, useless for
     * guessing one), or that the API was open. A caller-supplied name is a claim, so it is kept
     * beside that, never instead of it: {@code "bob via api token 1a2b3c4d"}.
     */
    public String actor(String claimed) {
        String who = fingerprint == null ? "api (no token set)" : "api token " + fingerprint;
        return claimed == null || claimed.isBlank() ? who : claimed + " via " + who;
    }

    static String fingerprint(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
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
