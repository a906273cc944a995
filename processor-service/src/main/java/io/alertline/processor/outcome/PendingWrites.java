package io.alertline.processor.outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.alertline.processor.outcome.OutcomeWriter.OutcomeWriteException;

/**
 * The writes of one batch of records, sent at once and awaited once: one broker round trip for
 * a whole poll instead of one per record. Until {@link #await} returns, outcomes are visible
 * to later records of the same batch through {@link #latest} (so one batch never acts twice on
 * the same alert) but not to the index, which only learns what Kafka has acknowledged.
 */
public final class PendingWrites {

    private final OutcomeIndex index;
    private final Map<String, OutcomeDocument> outcomes = new HashMap<>();
    private final List<OutcomeDocument> written = new ArrayList<>();
    private final List<CompletableFuture<?>> acks = new ArrayList<>();

    PendingWrites(OutcomeIndex index) {
        this.index = index;
    }

    /** The newest outcome for an idempotency key: this batch's own, else the index's. */
    public OutcomeDocument latest(String idempotencyKey) {
        OutcomeDocument pending = outcomes.get(idempotencyKey);
        return pending != null ? pending : index.latest(idempotencyKey);
    }

    void outcome(OutcomeDocument doc, CompletableFuture<?> ack) {
        if (doc.idempotencyKey() != null && doc.key().equals(doc.idempotencyKey())) {
            outcomes.put(doc.key(), doc);
        }
        written.add(doc);
        acks.add(ack);
    }

    /** Outcomes queued so far. */
    public int size() {
        return written.size();
    }

    /** Any other write the batch's offsets must wait for (retry and dead-letter copies). */
    public void add(CompletableFuture<?> ack) {
        acks.add(ack);
    }

    /** Waits for every write; only then may the batch's offsets be committed. */
    public List<OutcomeDocument> await() {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeWriteException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OutcomeWriteException("Kafka did not acknowledge the batch's writes: " + e, e);
        }
        written.forEach(index::remember);
        return written;
    }
}
