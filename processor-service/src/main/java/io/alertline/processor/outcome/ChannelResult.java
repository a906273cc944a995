package io.alertline.processor.outcome;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One target's state in an alert's outcome: the seed's {@code {"sent":true,"timestamp":…}} or
 * {@code {"sent":false,"reason":"Not configured"}}, plus every attempt. {@code pending} marks a
 * retryable failure that the retry topic will try again. {@code message} names the group message
 * that delivered the alert ({@code <request id>/<target>/<attempt>}), which the alerts sent
 * together share, and {@code alertsInMessage} says how many it carried.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelResult(
        @JsonProperty("sent") boolean sent,
        @JsonProperty("timestamp") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant timestamp,
        @JsonProperty("reason") String reason,
        @JsonProperty("pending") Boolean pending,
        @JsonProperty("attempts") List<Attempt> attempts,
        @JsonProperty("message") String message,
        @JsonProperty("alerts_in_message") Integer alertsInMessage) {

    public static final String NOT_CONFIGURED = "Not configured";

    public static ChannelResult notConfigured() {
        return new ChannelResult(false, null, NOT_CONFIGURED, null, null, null, null);
    }

    public static ChannelResult delivered(Instant at, List<Attempt> attempts) {
        return new ChannelResult(true, at, null, null, attempts, null, null);
    }

    /** Delivered in the group message {@code message}, which carried {@code alertsInMessage} alerts. */
    public static ChannelResult delivered(Instant at, List<Attempt> attempts, String message, int alertsInMessage) {
        return new ChannelResult(true, at, null, null, attempts, message, alertsInMessage);
    }

    /** Failed retryably; the retry topic will try again. */
    public static ChannelResult pending(String detail, List<Attempt> attempts) {
        return new ChannelResult(false, null, detail, true, attempts, null, null);
    }

    /** Failed for good: a final error, or retryable errors until attempts ran out. */
    public static ChannelResult failedForGood(String reason, List<Attempt> attempts) {
        return new ChannelResult(false, null, reason, null, attempts, null, null);
    }

    /** Finished one way or the other: delivered, not configured, or failed for good. */
    public boolean terminal() {
        return pending == null || !pending;
    }

    /** Finished without delivering although configured: what dead-letters an alert. */
    public boolean failed() {
        return !sent && !NOT_CONFIGURED.equals(reason);
    }

    /** This failure open again (a re-drive): the channel will be tried once more. */
    public ChannelResult reopened() {
        return new ChannelResult(false, null, reason, true, attempts, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(
            @JsonProperty("at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant at,
            @JsonProperty("result") String result,
            @JsonProperty("http_status") Integer httpStatus,
            @JsonProperty("detail") String detail,
            @JsonProperty("message") String message) {

        public Attempt(Instant at, String result, Integer httpStatus, String detail) {
            this(at, result, httpStatus, detail, null);
        }
    }
}
