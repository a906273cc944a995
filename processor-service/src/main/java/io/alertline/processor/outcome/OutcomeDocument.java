package io.alertline.processor.outcome;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.alertline.common.topic.Category;
import io.alertline.processor.recovery.RecoveryResult;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What the processor did about one alert of one request (or about a record it could not act
 * on): the record kept (compacted, keyed by {@link #key}) on {@code alerts.outcomes}, which is
 * both the dedup memory and the audit. Build one with the factories, one per
 * {@link OutcomeKind}; the canonical constructor is the JSON form's, which documents already on
 * the topic must keep loading with (see {@code OutcomeCodecCompatibilityTest}).
 *
 * @param startsAt the alert's own text, as sent (see {@link AlertSubject#startsAt})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeDocument(
        @JsonProperty("key") String key,
        @JsonProperty("idempotency_key") String idempotencyKey,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("category") @JsonSerialize(converter = CategoryJson.Write.class)
        @JsonDeserialize(converter = CategoryJson.Read.class) Category category,
        @JsonProperty("alertname") String alertname,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("status") String status,
        @JsonProperty("starts_at") String startsAt,
        @JsonProperty("received_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant receivedAt,
        @JsonProperty("processed_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant processedAt,
        @JsonProperty("processed_by") String processedBy,
        @JsonProperty("result") OutcomeResult result,
        @JsonProperty("reason") String reason,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("replay_id") String replayId,
        @JsonProperty("duplicate_of") String duplicateOf,
        @JsonProperty("source") RecordSource source,
        @JsonProperty("recovery") RecoveryResult recovery,
        @JsonProperty("notifications") Map<String, ChannelResult> notifications,
        @JsonProperty("gpu_alert") Map<String, Object> gpuAlert,
        @JsonProperty("ai_alert") Map<String, Object> aiAlert,
        @JsonProperty("database_alert") Map<String, Object> databaseAlert) {

    private static final String DUPLICATE_REASON = "already processed inside the dedup window";

    /** The alert's state after its actions ran: processed, retrying or dead-lettered. */
    public static OutcomeDocument acted(AlertSubject s, OutcomeResult result, ActionResults actions,
            Instant processedAt, String processedBy) {
        if (result.kind() != OutcomeKind.ALERT || result == OutcomeResult.IN_PROGRESS) {
            throw new IllegalArgumentException("not the result of actions: " + result);
        }
        return alert(s, s.idempotencyKey(), result, null, null, actions, processedAt, processedBy);
    }

    /** The marker written before a recovery script starts; {@code running} names the run. */
    public static OutcomeDocument inProgress(AlertSubject s, RecoveryResult running, Instant processedAt,
            String processedBy) {
        return alert(s, s.idempotencyKey(), OutcomeResult.IN_PROGRESS, null, null,
                new ActionResults(running, null, null, null, null), processedAt, processedBy);
    }

    /** A resend of an alert that {@code duplicateOf} (a request id) already finished. */
    public static OutcomeDocument duplicate(AlertSubject s, String duplicateOf, Instant processedAt,
            String processedBy) {
        return alert(s, "dup:" + s.requestId() + ":" + s.idempotencyKey(), OutcomeResult.DUPLICATE,
                DUPLICATE_REASON, duplicateOf, ActionResults.NONE, processedAt, processedBy);
    }

    /** A record not acted on; {@code reason} is the dead-letter reason and its detail. */
    public static OutcomeDocument rejected(RecordSource source, String requestId, Category category,
            Instant receivedAt, String reason, Instant processedAt, String processedBy) {
        return record("rejected:" + source.topic() + ":" + source.partition() + ":" + source.offset(), source,
                requestId, category, receivedAt, OutcomeResult.REJECTED, reason, 1, processedAt, processedBy);
    }

    /** A record whose {@code copy} ("retry", "dead-letter") Kafka refused for good. */
    public static OutcomeDocument uncopyable(String copy, RecordSource source, String requestId, Category category,
            Instant receivedAt, int attempt, String reason, Instant processedAt, String processedBy) {
        return record("uncopyable:" + copy + ":" + source.topic() + ":" + source.partition() + ":" + source.offset(),
                source, requestId, category, receivedAt, OutcomeResult.UNCOPYABLE, reason, attempt, processedAt,
                processedBy);
    }

    private static OutcomeDocument alert(AlertSubject s, String key, OutcomeResult result, String reason,
            String duplicateOf, ActionResults a, Instant processedAt, String processedBy) {
        return new OutcomeDocument(key, s.idempotencyKey(), s.requestId(), s.category(), s.alertname(),
                s.fingerprint(), s.status(), s.startsAt(), s.receivedAt(), processedAt, processedBy, result, reason,
                s.attempt(), s.replayId(), duplicateOf, s.source(), a.recovery(), a.notifications(), a.gpuAlert(),
                a.aiAlert(), a.databaseAlert());
    }

    /** An outcome about a whole record: named by request id, or by its position when it has none. */
    private static OutcomeDocument record(String key, RecordSource source, String requestId, Category category,
            Instant receivedAt, OutcomeResult result, String reason, int attempt, Instant processedAt,
            String processedBy) {
        Instant received = receivedAt != null && receivedAt.toEpochMilli() > 0 ? receivedAt : null;
        return new OutcomeDocument(key, null, requestId != null ? requestId : source.toString(), category, null, null,
                null, null, received, processedAt, processedBy, result, reason, attempt, null, null, source, null, null,
                null, null, null);
    }

    @JsonIgnore
    public OutcomeKind kind() {
        return result.kind();
    }

    @JsonIgnore
    public boolean finished() {
        return result.finished();
    }

    /**
     * This outcome as a re-drive sees it: channels that failed for good may be tried again, the
     * ones that succeeded stay done (so nothing is sent twice), and the alert is open again.
     */
    public OutcomeDocument reopenedForRedrive() {
        Map<String, ChannelResult> channels = null;
        if (notifications != null) {
            channels = new LinkedHashMap<>();
            for (Map.Entry<String, ChannelResult> e : notifications.entrySet()) {
                ChannelResult c = e.getValue();
                channels.put(e.getKey(), c.failed() ? c.reopened() : c);
            }
        }
        return new OutcomeDocument(key, idempotencyKey, requestId, category, alertname, fingerprint, status, startsAt,
                receivedAt, processedAt, processedBy, OutcomeResult.RETRYING, reason, attempt, replayId, duplicateOf,
                source, recovery, channels, gpuAlert, aiAlert, databaseAlert);
    }

    /**
     * What the dedup index keeps: a processed alert needs only its identity and when and by
     * which request it was done; anything still open (or dead-lettered, which a re-drive
     * reopens) keeps its per-channel and recovery state.
     */
    public OutcomeDocument forIndex() {
        if (result != OutcomeResult.PROCESSED) {
            return this;
        }
        return new OutcomeDocument(key, idempotencyKey, requestId, null, null, null, null, null, null, processedAt,
                null, OutcomeResult.PROCESSED, null, attempt, replayId, null, null, null, null, null, null, null);
    }
}
