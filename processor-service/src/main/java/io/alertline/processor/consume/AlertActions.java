package io.alertline.processor.consume;

import java.time.Clock;
import java.util.Set;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;
import io.alertline.processor.action.CategoryActions;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeStore;
import io.alertline.processor.recovery.RecoveryResult;

/**
 * The work for one alert the {@link DedupStage} let through, by category: the recovery script
 * (critical), notifications (the notifying categories) and the seed's per-category results
 * (gpu, ai, database). Returns the alert's outcome and what its channels need from the router.
 */
public class AlertActions {

    /** One alert's outcome and its channels' states. */
    public record Acted(OutcomeDocument outcome, ChannelStates channels) {
    }

    private final RecoveryAction recovery;
    private final NotifyAction notify;
    private final Set<Category> notifying;
    private final Clock clock;
    private final String instanceId;

    public AlertActions(RecoveryAction recovery, NotifyAction notify, Set<Category> notifying, Clock clock,
            String instanceId) {
        this.recovery = recovery;
        this.notify = notify;
        this.notifying = notifying;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** @param previous the alert's unfinished earlier state, or null */
    public Acted act(AdmittedRecord record, Alert alert, AlertSubject subject, OutcomeDocument previous,
            OutcomeStore store) {
        Category category = record.category();
        RecoveryResult recovered = category == Category.CRITICAL ? recovery.run(alert, subject, previous, store) : null;
        ChannelStates channels = notifying.contains(category) ? notify.run(record, alert, previous) : ChannelStates.NONE;
        ActionResults results = new ActionResults(recovered, channels.results(),
                category == Category.GPU ? CategoryActions.gpu(alert) : null,
                category == Category.AI ? CategoryActions.ai(alert) : null,
                category == Category.DATABASE ? CategoryActions.database(alert) : null);
        return new Acted(OutcomeDocument.acted(subject, channels.result(), results, clock.instant(), instanceId),
                channels);
    }
}
