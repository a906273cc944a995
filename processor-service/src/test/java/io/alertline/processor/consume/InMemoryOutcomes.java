package io.alertline.processor.consume;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.alertline.processor.outcome.OutcomeBatch;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeKind;

/** The outcome store as a map: what the index would know, plus what each batch wrote. */
final class InMemoryOutcomes implements OutcomeBatch {

    final Map<String, OutcomeDocument> latest = new HashMap<>();
    /** Every outcome remembered, in order, across batches. */
    final List<OutcomeDocument> remembered = new ArrayList<>();
    /** The outcomes written durably at once (the in-progress markers), in order. */
    final List<OutcomeDocument> durableNow = new ArrayList<>();
    final List<CompletableFuture<?>> acks = new ArrayList<>();
    private int awaited;

    @Override
    public OutcomeDocument latest(String idempotencyKey) {
        return latest.get(idempotencyKey);
    }

    @Override
    public void remember(OutcomeDocument outcome) {
        if (outcome.kind() == OutcomeKind.ALERT) {
            latest.put(outcome.key(), outcome);
        }
        remembered.add(outcome);
    }

    @Override
    public void rememberNow(OutcomeDocument outcome) {
        latest.put(outcome.key(), outcome);
        durableNow.add(outcome);
    }

    @Override
    public void awaitAlso(CompletableFuture<?> ack) {
        acks.add(ack);
    }

    @Override
    public int size() {
        return remembered.size() - awaited;
    }

    /** The outcomes remembered since the last await. */
    @Override
    public List<OutcomeDocument> await() {
        acks.forEach(CompletableFuture::join);
        List<OutcomeDocument> batch = List.copyOf(remembered.subList(awaited, remembered.size()));
        awaited = remembered.size();
        return batch;
    }
}
