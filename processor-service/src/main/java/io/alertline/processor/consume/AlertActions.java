package io.alertline.processor.consume;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;
import io.alertline.processor.action.CategoryActions;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeStore;
import io.alertline.processor.recovery.RecoveryResult;

/**
 * The work for the alerts of one record that the {@link DedupStage} let through, by category:
 * each alert's recovery script (critical), then one notification per target for the whole group
 * (the notifying categories), and the seed's per-category results (gpu, ai, database). Returns
 * each alert's outcome and what its targets need from the router.
 */
public class AlertActions {

    /** One alert's outcome and its targets' states. */
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

    /**
     * Recoveries run first, each acknowledged as started before its script runs, as before groups
     * were one message; the group's message follows, so it waits for the group's scripts.
     */
    public List<Acted> act(AdmittedRecord record, List<ProceedingAlert> alerts, OutcomeStore store) {
        Category category = record.category();
        List<RecoveryResult> recovered = new ArrayList<>(alerts.size());
        for (ProceedingAlert a : alerts) {
            recovered.add(category == Category.CRITICAL ? recovery.run(a.alert(), a.subject(), a.previous(), store)
                    : null);
        }
        List<ChannelStates> channels = notifying.contains(category) && !alerts.isEmpty()
                ? notify.run(record, alerts) : Collections.nCopies(alerts.size(), ChannelStates.NONE);
        List<Acted> acted = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i).alert();
            ChannelStates states = channels.get(i);
            ActionResults results = new ActionResults(recovered.get(i), states.results(),
                    category == Category.GPU ? CategoryActions.gpu(alert) : null,
                    category == Category.AI ? CategoryActions.ai(alert) : null,
                    category == Category.DATABASE ? CategoryActions.database(alert) : null);
            acted.add(new Acted(OutcomeDocument.acted(alerts.get(i).subject(), states.result(), results,
                    clock.instant(), instanceId), states));
        }
        return acted;
    }
}
