package io.alertline.processor.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one send attempt.
 *
 * @param httpStatus 0 when no response arrived
 * @param retryAfter the server's own back-off hint, null if none
 * @param detail short, secret-free text for logs and the outcome record
 */
public record Delivery(Result result, int httpStatus, Duration retryAfter, String detail) {

    public enum Result {
        /** The chat service accepted the message. */
        DELIVERED,
        /** Worth another attempt later: rate limits, server errors, network trouble. */
        RETRYABLE,
        /** Sending the same request again cannot succeed (bad payload, dead webhook, revoked bot). */
        FINAL
    }

    public Delivery {
        Objects.requireNonNull(result, "result");
    }
}
