package io.alertline.processor.consume;

import io.alertline.common.payload.Alert;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.OutcomeDocument;

/**
 * An alert of a record that the {@link DedupStage} let through, on its way to the
 * {@link AlertActions}.
 *
 * @param previous its unfinished earlier state (targets already at an end, a recovery already
 *     started), or null for a fresh alert
 */
public record ProceedingAlert(Alert alert, AlertSubject subject, OutcomeDocument previous) {
}
