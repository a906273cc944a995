package io.alertline.processor.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record a replay or re-drive selected but could not copy, and why: {@code reason} is one of
 * {@link CopyRefusal}'s few ids (also the metric tag), {@code detail} Kafka's own words, cut.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkippedCopy(
        @JsonProperty("topic") String topic,
        @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail) {
}
