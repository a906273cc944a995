package io.alertline.processor.outcome;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One channel's state in an outcome: the seed's {@code {"sent":true,"timestamp":…}} or
 * {@code {"sent":false,"reason":"Not configured"}}, plus every attempt. {@code pending} marks a
 * retryable failure that the retry topic will try again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChannelResult(
        @JsonProperty("sent") boolean sent,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("reason") String reason,
        @JsonProperty("pending") Boolean pending,
        @JsonProperty("attempts") List<Attempt> attempts) {

    public static final String NOT_CONFIGURED = "Not configured";

    public static ChannelResult notConfigured() {
        return new ChannelResult(false, null, NOT_CONFIGURED, null, null);
    }

    /** Finished one way or the other: delivered, not configured, or failed for good. */
    public boolean terminal() {
        return pending == null || !pending;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(
            @JsonProperty("at") String at,
            @JsonProperty("result") String result,
            @JsonProperty("http_status") Integer httpStatus,
            @JsonProperty("detail") String detail) {
    }
}
