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
 * The Kafka-backed {@link OutcomeBatch}: the writes of one batch of records, sent at once and
 * awaited once. Until {@link #await} returns, outcomes are visible to later records of the same
 * batch through {@link #latest} (so one batch never acts twice on the same alert) but not to
 * the index, which only learns what Kafka has acknowledged.
 */
public final class PendingWrites implements OutcomeBatch {

    private final OutcomeIndex index;
    private final OutcomeWriter writer;
    private final Map<String, OutcomeDocument> outcomes = new HashMap<>();
    private final List<OutcomeDocument> written = new ArrayList<>();
    private final List<CompletableFuture<?>> acks = new ArrayList<>();

    PendingWrites(OutcomeIndex index, OutcomeWriter writer) {
        this.index = index;
        this.writer = writer;
    }

    /** The newest outcome for an idempotency key: this batch's own, else the index's. */
    @Override
    public OutcomeDocument latest(String idempotencyKey) {
        OutcomeDocument pending = outcomes.get(idempotencyKey);
        return pending != null ? pending : index.latest(idempotencyKey);
    }

    @Override
    public void remember(OutcomeDocument outcome) {
        outcome(outcome, writer.send(outcome));
    }

    /** Written on its own and awaited now; the index has it once Kafka acknowledged it. */
    @Override
    public void rememberNow(OutcomeDocument outcome) {
        writer.write(outcome);
    }

    void outcome(OutcomeDocument doc, CompletableFuture<?> ack) {
        if (doc.kind() == OutcomeKind.ALERT) {
            outcomes.put(doc.key(), doc);
        }
        written.add(doc);
        acks.add(ack);
    }

    @Override
    public int size() {
        return written.size();
    }

    @Override
    public void awaitAlso(CompletableFuture<?> ack) {
        acks.add(ack);
    }

    @Override
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
