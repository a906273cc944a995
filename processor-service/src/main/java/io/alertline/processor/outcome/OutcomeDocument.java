package io.alertline.processor.outcome;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.alertline.processor.recovery.RecoveryResult;

/**
 * What the processor did about one alert of one request: the record kept (compacted, keyed by
 * idempotency key) on {@code alerts.outcomes}, which is both the dedup memory and the audit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeDocument(
        @JsonProperty("key") String key,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("category") String category,
        @JsonProperty("alertname") String alertname,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("status") String status,
        @JsonProperty("starts_at") String startsAt,
        @JsonProperty("received_at") String receivedAt,
        @JsonProperty("processed_at") String processedAt,
        @JsonProperty("processed_by") String processedBy,
        @JsonProperty("result") String result,
        @JsonProperty("reason") String reason,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("replay_id") String replayId,
        @JsonProperty("duplicate_of") String duplicateOf,
        @JsonProperty("source") Map<String, Object> source,
        @JsonProperty("recovery") RecoveryResult recovery,
        @JsonProperty("notifications") Map<String, ChannelResult> notifications,
        @JsonProperty("gpu_alert") Map<String, Object> gpuAlert,
        @JsonProperty("ai_alert") Map<String, Object> aiAlert,
        @JsonProperty("database_alert") Map<String, Object> databaseAlert) {

    /** Every action reached an end: the alert's work is done. */
    public static final String PROCESSED = "processed";
    /** A channel failed retryably; the retry topic holds the next attempt. */
    public static final String RETRYING = "retrying";
    /** A channel failed for good or ran out of attempts; the record went to the dead-letter topic. */
    public static final String DEAD_LETTERED = "dead_lettered";
    /** Written just before a recovery script starts, so a crash mid-run never runs it twice. */
    public static final String IN_PROGRESS = "in_progress";
    /** The same alert was already finished inside the dedup window; nothing was done. */
    public static final String DUPLICATE = "duplicate";
    /** The record failed its signature check or could not be parsed; nothing was done. */
    public static final String REJECTED = "rejected";
    /**
     * Kafka refused the record's retry or dead-letter copy for good (too large, invalid topic,
     * not authorized, …): the reason says which copy and why, the source names the record. The
     * offset was committed past it; an operator can replay it from the source once fixed.
     */
    public static final String UNCOPYABLE = "uncopyable";

    /**
     * This outcome as a re-drive sees it: channels that failed for good may be tried again, the
     * ones that succeeded stay done (so nothing is sent twice), and the alert is open again.
     */
    public OutcomeDocument reopenedForRedrive() {
        Map<String, ChannelResult> channels = null;
        if (notifications != null) {
            channels = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, ChannelResult> e : notifications.entrySet()) {
                ChannelResult c = e.getValue();
                boolean failed = !c.sent() && !ChannelResult.NOT_CONFIGURED.equals(c.reason());
                channels.put(e.getKey(), failed ? new ChannelResult(false, null, c.reason(), true, c.attempts()) : c);
            }
        }
        return new OutcomeDocument(key, idempotencyKey, requestId, category, alertname, fingerprint, status, startsAt,
                receivedAt, processedAt, processedBy, RETRYING, reason, attempt, replayId, duplicateOf, source,
                recovery, channels, gpuAlert, aiAlert, databaseAlert);
    }

    /**
     * What the dedup index keeps: a processed alert needs only its identity and when and by
     * which request it was done; anything still open (or dead-lettered, which a re-drive
     * reopens) keeps its per-channel and recovery state.
     */
    public OutcomeDocument forIndex() {
        if (!PROCESSED.equals(result)) {
            return this;
        }
        return new OutcomeDocument(key, idempotencyKey, requestId, null, null, null, null, null, null, processedAt,
                null, PROCESSED, null, attempt, replayId, null, null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean finished() {
        return PROCESSED.equals(result) || DEAD_LETTERED.equals(result);
    }
}
