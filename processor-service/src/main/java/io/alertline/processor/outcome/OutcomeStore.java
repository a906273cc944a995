package io.alertline.processor.outcome;

/**
 * What the record path knows and learns about alerts' outcomes, like Alertmanager's
 * notification log behind its {@code DedupStage}. On Kafka it is {@link PendingWrites} over the
 * {@link OutcomeIndex}; a map does for tests.
 */
public interface OutcomeStore {

    /** The newest outcome of an alert ({@link OutcomeKind#ALERT}) inside the dedup window, remembered ones included; null if none. */
    OutcomeDocument latest(String idempotencyKey);

    /**
     * Keeps an outcome: visible to {@link #latest} at once, durable before the batch's offsets
     * are committed.
     */
    void remember(OutcomeDocument outcome);

    /** Keeps an outcome durably before returning: the marker written before a recovery script starts. */
    void rememberNow(OutcomeDocument outcome);
}
