package io.alertline.ingest.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.alertline.ingest.ratelimit.RateLimitDecision;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of the HTTP contract (README "HTTP contract"), kept in one place. Every answer
 * is a {@link JsonResponse}; the 200's body is written by {@link AcceptedAnswer}, the rarer error
 * bodies by Jackson from maps in the contract's field order.
 */
final class Responses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Responses() {
    }

    static JsonResponse unauthorized(RateLimitDecision rate) {
        return answer(HttpStatus.UNAUTHORIZED, rate, json(ordered("error", "Unauthorized",
                "message", "Invalid or missing signature")), "WWW-Authenticate", "Bearer");
    }

    static JsonResponse validationFailed(RateLimitDecision rate, String field, String message) {
        return answer(HttpStatus.BAD_REQUEST, rate, json(ordered(
                "error", "Payload validation failed",
                "details", ordered("field", field, "message", message))));
    }

    static JsonResponse tooLarge(RateLimitDecision rate, long limitBytes) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, rate, json(ordered(
                "error", "Payload too large",
                "message", "Request body exceeds " + limitBytes + " bytes")));
    }

    /** Kafka refused the record as too large: retrying cannot help, so a 4xx (Alertmanager drops those). */
    static JsonResponse recordTooLarge(RateLimitDecision rate, String requestId) {
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, rate, json(ordered(
                "error", "Payload too large",
                "message", "Kafka refused the record as too large",
                "request_id", requestId)));
    }

    static JsonResponse headersTooLarge(RateLimitDecision rate, int limitBytes) {
        return answer(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, rate, json(ordered(
                "error", "Request header fields too large",
                "message", "Signature, timestamp and webhook-id headers exceed " + limitBytes + " bytes together")));
    }

    static JsonResponse rateLimited(RateLimitDecision rate) {
        return answer(HttpStatus.TOO_MANY_REQUESTS, rate,
                json(ordered("error", "Rate limit exceeded", "retry_after", rate.retryAfterSeconds())),
                "Retry-After", Long.toString(rate.retryAfterSeconds()));
    }

    /** Over the limit but a bearer (Alertmanager) client: it drops 4xx, and retries only 5xx. */
    static JsonResponse rateLimitedAsUnavailable(RateLimitDecision rate) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, rate,
                json(ordered("error", "Rate limit exceeded", "retry_after", rate.retryAfterSeconds())),
                "Retry-After", Long.toString(rate.retryAfterSeconds()));
    }

    static JsonResponse unavailable(RateLimitDecision rate, long retryAfterSeconds, String requestId,
            String details) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, rate, json(ordered(
                "error", "Service error",
                "message", "Failed to process alert",
                "details", details,
                "request_id", requestId)), "Retry-After", Long.toString(retryAfterSeconds));
    }

    /** Something no step expects went wrong (never planned; the caller logs it). */
    static JsonResponse internalError() {
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, null, json(ordered(
                "error", "Internal error",
                "message", "The request failed unexpectedly; it may or may not have been stored")));
    }

    static JsonResponse accepted(RateLimitDecision rate, String requestId, List<String> alertnames,
            String topic, int partition, long offset) {
        return answer(HttpStatus.OK, rate, AcceptedAnswer.json(requestId, alertnames, topic, partition, offset));
    }

    /** The status, the rate-limit headers when there is a decision, then any further header pairs. */
    private static JsonResponse answer(HttpStatus status, RateLimitDecision rate, byte[] body,
            String... extraHeaders) {
        List<String> headers = new ArrayList<>(6 + extraHeaders.length);
        if (rate != null) {
            headers.add("X-RateLimit-Limit");
            headers.add(Long.toString(rate.limit()));
            headers.add("X-RateLimit-Remaining");
            headers.add(Long.toString(rate.remaining()));
            headers.add("X-RateLimit-Reset");
            headers.add(Long.toString(rate.resetEpochSeconds()));
        }
        headers.addAll(List.of(extraHeaders));
        return new JsonResponse(status, headers, body);
    }

    private static byte[] json(Map<String, Object> body) {
        return JSON.writeValueAsBytes(body);
    }

    /** Field order as the contract documents it, so answers read the same every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
