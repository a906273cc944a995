package io.alertline.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.payload.Alert;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.outcome.OutcomeStore;
import io.alertline.processor.recovery.RecoveryResult;

/**
 * A critical alert's recovery script, at most once per alert: an {@code in_progress} outcome
 * is written, and acknowledged by Kafka, before the script starts. A later delivery that finds
 * a run already started (finished, or interrupted by a crash) reports that run and never starts
 * the script again; an interrupted run is counted ({@code result="interrupted"}) and logged, since
 * nobody else will run that script.
 */
public class RecoveryAction {

    private static final Logger log = LoggerFactory.getLogger(RecoveryAction.class);

    private final RecoveryRunner runner;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final String instanceId;

    public RecoveryAction(RecoveryRunner runner, ProcessorMetrics metrics, Clock clock, String instanceId) {
        this.runner = runner;
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** @param previous the alert's unfinished earlier state, or null */
    public RecoveryResult run(Alert alert, AlertSubject subject, OutcomeDocument previous, OutcomeStore store) {
        if (previous != null && previous.recovery() != null && previous.recovery().attempted()) {
            RecoveryResult earlier = previous.recovery();
            if (previous.result() == OutcomeResult.IN_PROGRESS) {
                log.warn("Recovery script for service {} (request {}, started {} by {}) was interrupted by a processor"
                        + " stop and is not started again: run it by hand if the service is still down",
                        earlier.service(), subject.requestId(), earlier.startedAt(), previous.processedBy());
                metrics.recovery(earlier.service(), "interrupted", Duration.ZERO);
                return new RecoveryResult(earlier.service(), true, null, null, null,
                        "Interrupted: the processor stopped while the script ran; not started again",
                        null, earlier.startedAt());
            }
            return earlier;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("request_id", subject.requestId());
        facts.put("fingerprint", subject.fingerprint());
        facts.put("category", subject.category().id());
        if (alert.label("instance") != null) {
            facts.put("instance", alert.label("instance"));
        }
        Instant started = clock.instant();
        RecoveryResult result = runner.run(alert, facts, () -> store.rememberNow(OutcomeDocument.inProgress(subject,
                new RecoveryResult(alert.label("service"), true, null, null, null, "Recovery script running", null,
                        clock.instant().toString()), clock.instant(), instanceId)));
        if (result != null && result.attempted()) {
            metrics.recovery(result.service(), Boolean.TRUE.equals(result.success()) ? "success" : "failure",
                    Duration.between(started, clock.instant()));
        } else if (result != null) {
            metrics.recovery(result.service(), "skipped", Duration.ZERO);
        }
        return result;
    }
}
