package io.alertline.processor.outcome;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link OutcomeStore} of one poll of records, and everything else its offsets must wait
 * for: sent at once and awaited once, one broker round trip for a whole poll.
 */
public interface OutcomeBatch extends OutcomeStore {

    /** Another write the batch's offsets must wait for (a retry or dead-letter copy). */
    void awaitAlso(CompletableFuture<?> ack);

    /** Outcomes remembered so far (not counting {@link #rememberNow} markers). */
    int size();

    /** Waits for every write; only then may the batch's offsets be committed. Returns the outcomes remembered. */
    List<OutcomeDocument> await();
}
