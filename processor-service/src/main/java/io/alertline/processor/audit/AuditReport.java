package io.alertline.processor.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The verify command's summary: records, valid, invalid, unsigned (bearer senders), and each failure. */
public record AuditReport(
        @JsonProperty("records") int records,
        @JsonProperty("valid") int valid,
        @JsonProperty("invalid") int invalid,
        @JsonProperty("unsigned") int unsigned,
        @JsonProperty("failures") List<Failure> failures) {

    public record Failure(
            @JsonProperty("topic") String topic,
            @JsonProperty("partition") int partition,
            @JsonProperty("offset") long offset,
            @JsonProperty("request_id") String requestId,
            @JsonProperty("problem") String problem) {
    }
}
