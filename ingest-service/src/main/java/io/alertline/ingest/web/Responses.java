package io.alertline.ingest.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.ingest.ratelimit.RateLimitDecision;
import reactor.core.publisher.Mono;

/** The JSON bodies of the HTTP contract (README "HTTP contract"), kept in one place. */
final class Responses {

    private Responses() {
    }

    static ServerResponse.BodyBuilder status(HttpStatus status, RateLimitDecision rate) {
        ServerResponse.BodyBuilder builder = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
        if (rate != null) {
            builder.header("X-RateLimit-Limit", Long.toString(rate.limit()))
                    .header("X-RateLimit-Remaining", Long.toString(rate.remaining()))
                    .header("X-RateLimit-Reset", Long.toString(rate.resetEpochSeconds()));
        }
        return builder;
    }

    static Mono<ServerResponse> unauthorized(RateLimitDecision rate) {
        return status(HttpStatus.UNAUTHORIZED, rate)
                .header("WWW-Authenticate", "Bearer")
                .bodyValue(ordered("error", "Unauthorized", "message", "Invalid or missing signature"));
    }

    static Mono<ServerResponse> validationFailed(RateLimitDecision rate, String field, String message) {
        return status(HttpStatus.BAD_REQUEST, rate).bodyValue(ordered(
                "error", "Payload validation failed",
                "details", ordered("field", field, "message", message)));
    }

    static Mono<ServerResponse> tooLarge(RateLimitDecision rate, long limitBytes) {
        return status(HttpStatus.PAYLOAD_TOO_LARGE, rate).bodyValue(ordered(
                "error", "Payload too large",
                "message", "Request body exceeds " + limitBytes + " bytes"));
    }

    /** Kafka refused the record as too large: retrying cannot help, so a 4xx (Alertmanager drops those). */
    static Mono<ServerResponse> recordTooLarge(RateLimitDecision rate, String requestId) {
        return status(HttpStatus.PAYLOAD_TOO_LARGE, rate).bodyValue(ordered(
                "error", "Payload too large",
                "message", "Kafka refused the record as too large",
                "request_id", requestId));
    }

    static Mono<ServerResponse> headersTooLarge(RateLimitDecision rate, int limitBytes) {
        return status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, rate).bodyValue(ordered(
                "error", "Request header fields too large",
                "message", "Signature, timestamp and webhook-id headers exceed " + limitBytes + " bytes together"));
    }

    static Mono<ServerResponse> rateLimited(RateLimitDecision rate) {
        return status(HttpStatus.TOO_MANY_REQUESTS, rate)
                .header("Retry-After", Long.toString(rate.retryAfterSeconds()))
                .bodyValue(ordered("error", "Rate limit exceeded", "retry_after", rate.retryAfterSeconds()));
    }

    /** Over the limit but a bearer (Alertmanager) client: it drops 4xx, and retries only 5xx. */
    static Mono<ServerResponse> rateLimitedAsUnavailable(RateLimitDecision rate) {
        return status(HttpStatus.SERVICE_UNAVAILABLE, rate)
                .header("Retry-After", Long.toString(rate.retryAfterSeconds()))
                .bodyValue(ordered("error", "Rate limit exceeded", "retry_after", rate.retryAfterSeconds()));
    }

    static Mono<ServerResponse> unavailable(RateLimitDecision rate, long retryAfterSeconds, String requestId,
            String details) {
        return status(HttpStatus.SERVICE_UNAVAILABLE, rate)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .bodyValue(ordered(
                        "error", "Service error",
                        "message", "Failed to process alert",
                        "details", details,
                        "request_id", requestId));
    }

    /** Field order as the contract documents it, so answers read the same every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Mono<ServerResponse> accepted(RateLimitDecision rate, String requestId, List<String> alertnames,
            String topic, int partition, long offset) {
        return status(HttpStatus.OK, rate).bodyValue(AcceptedAnswer.json(requestId, alertnames, topic, partition, offset));
    }
}
