package io.alertline.processor.consume;

import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.recovery.RecoveryResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RecoveryActionTest {

    private final SimpleMeterRegistry registry = registry();
    private final InMemoryOutcomes store = new InMemoryOutcomes();
    private final List<String> runs = new ArrayList<>();
    private final AdmittedRecord record = admitted(record(Category.CRITICAL, alerts("OllamaDown"), 1), Category.CRITICAL);
    private final Alert alert = record.payload().alerts().get(0);
    private final AlertSubject subject = record.subject(alert);

    /** A script runner that starts the script (after {@code beforeRun}) and records what was durable by then. */
    private final RecoveryRunner runner = (alert, facts, beforeRun) -> {
        beforeRun.run();
        runs.add(facts.get("request_id") + " after " + store.durableNow.size() + " marker(s)");
        return new RecoveryResult("ollama", true, true, 0, 0.5, "Recovery script succeeded", "ok", NOW.toString());
    };
    private final RecoveryAction action = new RecoveryAction(runner, metrics(registry), CLOCK, INSTANCE);

    @Test
    void theInProgressMarkerIsDurableBeforeTheScriptStarts() {
        RecoveryResult result = action.run(alert, subject, null, store);

        assertThat(runs).containsExactly("req-1 after 1 marker(s)");
        OutcomeDocument marker = store.durableNow.get(0);
        assertThat(marker.result()).isEqualTo(OutcomeResult.IN_PROGRESS);
        assertThat(marker.key()).isEqualTo(subject.idempotencyKey());
        assertThat(marker.recovery().message()).isEqualTo("Recovery script running");
        assertThat(result.success()).isTrue();
        assertThat(registry.get("alertline.processor.recovery.runs").tags("service", "ollama", "result", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aRunAlreadyFinishedIsReportedAndNeverStartedAgain() {
        RecoveryResult earlier = new RecoveryResult("ollama", true, false, 1, 2.0, "failed", "x", "2026-11-22T11:00:00Z");
        OutcomeDocument previous = OutcomeDocument.acted(subject, OutcomeResult.RETRYING,
                new ActionResults(earlier, Map.of(), null, null, null), NOW, INSTANCE);

        assertThat(action.run(alert, subject, previous, store)).isEqualTo(earlier);
        assertThat(runs).isEmpty();
        assertThat(store.durableNow).isEmpty();
    }

    @Test
    void aRunInterruptedByACrashIsReportedAsInterruptedAndNotStartedAgain() {
        RecoveryResult running = new RecoveryResult("ollama", true, null, null, null, "Recovery script running", null,
                "2026-11-22T11:00:00Z");

        RecoveryResult result = action.run(alert, subject, OutcomeDocument.inProgress(subject, running, NOW, "gone"),
                store);

        assertThat(runs).isEmpty();
        assertThat(result.attempted()).isTrue();
        assertThat(result.message()).startsWith("Interrupted");
        assertThat(result.startedAt()).isEqualTo("2026-11-22T11:00:00Z");
        assertThat(registry.get("alertline.processor.recovery.runs").tags("service", "ollama", "result", "interrupted")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("alertline.processor.recovery.runs").tags("service", "ollama", "result", "failure")
                .timer().count()).isZero();
    }

    @Test
    void anAlertThatAsksForNoRecoveryWritesNoMarker() {
        RecoveryAction none = new RecoveryAction((a, facts, beforeRun) -> null, metrics(registry), CLOCK, INSTANCE);

        assertThat(none.run(alert, subject, null, store)).isNull();
        assertThat(store.durableNow).isEmpty();
    }
}
