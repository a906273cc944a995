package io.alertline.processor.replay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One record a replay or re-drive selected: where it is, what it is, (dead letters) why it is
 * there, and which earlier re-drive already sent it back, if one did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayedRecord(
        @JsonProperty("topic") String topic,
        @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("alertnames") List<String> alertnames,
        @JsonProperty("reason") String reason,
        @JsonProperty("exception") String exception,
        @JsonProperty("channel") String channel,
        @JsonProperty("attempts") String attempts,
        @JsonProperty("target_topic") String targetTopic,
        @JsonProperty("redriven_by") String redrivenBy) {
}
