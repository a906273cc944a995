package io.alertline.processor.consume;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.alertline.common.payload.Alert;
import io.alertline.common.record.ReplayMode;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.outcome.OutcomeStore;

/**
 * Alertmanager resends whole groups and HA peers send duplicates: an alert whose work finished
 * inside the dedup window is not acted on again. An operator's authorised replay changes that:
 * {@code force} forgets the earlier outcome, {@code redrive} reopens a dead-lettered one so its
 * failed channels are tried again; neither applies to an outcome of the same replay (a retry of
 * it).
 */
public class DedupStage {

    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final String instanceId;

    public DedupStage(ProcessorMetrics metrics, Clock clock, String instanceId) {
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /**
     * Each alert of the record, in order. The same alert twice in one group is acted on once: the
     * second counts as a duplicate of the first, by this request.
     */
    public List<DedupDecision> checkAll(AdmittedRecord record, OutcomeStore store) {
        List<DedupDecision> decisions = new ArrayList<>(record.payload().alerts().size());
        Set<String> seen = new HashSet<>();
        for (Alert alert : record.payload().alerts()) {
            AlertSubject subject = record.subject(alert);
            decisions.add(seen.add(subject.idempotencyKey()) ? check(record, subject, store)
                    : finished(record, subject, record.requestId()));
        }
        return decisions;
    }

    public DedupDecision check(AdmittedRecord record, AlertSubject alert, OutcomeStore store) {
        OutcomeDocument previous = store.latest(alert.idempotencyKey());
        if (previous != null && record.replayMode() != null && !record.replayId().equals(previous.replayId())) {
            if (record.replayMode() == ReplayMode.FORCE) {
                previous = null; // an operator asked for this alert's work to be done again
            } else if (record.replayMode() == ReplayMode.REDRIVE && previous.result() == OutcomeResult.DEAD_LETTERED) {
                previous = previous.reopenedForRedrive();
            }
        }
        if (previous == null || !previous.finished()) {
            return new DedupDecision.Proceed(previous);
        }
        return finished(record, alert, previous.requestId());
    }

    /** The alert's work was finished by request {@code doneBy}: nothing to do, a duplicate to record (first attempt only). */
    private DedupDecision finished(AdmittedRecord record, AlertSubject alert, String doneBy) {
        metrics.duplicate(record.category());
        if (record.attempt() > 1) {
            return new DedupDecision.Skip();
        }
        return new DedupDecision.Duplicate(OutcomeDocument.duplicate(alert, doneBy, clock.instant(), instanceId));
    }
}
