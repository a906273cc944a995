package io.alertline.common.payload;

import java.util.List;

import io.alertline.common.identity.GroupKey;

/**
 * What the ingest needs of a valid body: the alert names, in order, for its answer, and the
 * record key. {@link PayloadParser#summarize} gives it for exactly the bodies
 * {@link PayloadParser#parse} accepts.
 */
public record PayloadSummary(List<String> alertnames, String groupKey) {

    public PayloadSummary {
        alertnames = List.copyOf(alertnames);
    }

    public static PayloadSummary of(WebhookPayload payload) {
        return new PayloadSummary(payload.alerts().stream().map(Alert::alertname).toList(), payload.groupKey());
    }

    /** The Kafka record key ({@link GroupKey}). */
    public String recordKey() {
        return GroupKey.of(groupKey, alertnames);
    }
}
