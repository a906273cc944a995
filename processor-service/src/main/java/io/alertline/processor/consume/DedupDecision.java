package io.alertline.processor.consume;

import io.alertline.processor.outcome.OutcomeDocument;

/** What the {@link DedupStage} decided about one alert of a record. */
public sealed interface DedupDecision {

    /** A retry of the group whose earlier attempt finished this alert: nothing to do, nothing to write. */
    record Skip() implements DedupDecision {
    }

    /** The alert was finished inside the dedup window: write this outcome, do nothing else. */
    record Duplicate(OutcomeDocument outcome) implements DedupDecision {
    }

    /**
     * Act on the alert. {@code previous} is its unfinished earlier state (channels already at an
     * end, a recovery already started), or null for a fresh alert.
     */
    record Proceed(OutcomeDocument previous) implements DedupDecision {
    }
}
