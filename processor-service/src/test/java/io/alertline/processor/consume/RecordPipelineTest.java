package io.alertline.processor.consume;

import static io.alertline.processor.consume.FakeNotifier.*;
import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeKind;
import io.alertline.processor.outcome.OutcomeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The stages together, against the map store, fake channels and a router that keeps what it is handed. */
class RecordPipelineTest {

    private final SimpleMeterRegistry registry = registry();
    private final InMemoryOutcomes store = new InMemoryOutcomes();
    private final FakeNotifier slack = new FakeNotifier("slack", true);
    private final List<Disposition> routed = new ArrayList<>();
    private final RecordRouter router = (record, category, disposition) -> {
        routed.add(disposition);
        return disposition.processed() ? List.of() : List.of(CompletableFuture.completedFuture(null));
    };
    private final RecordPipeline pipeline;

    RecordPipelineTest() {
        ProcessorMetrics metrics = metrics(registry);
        AlertActions actions = new AlertActions(new RecoveryAction((a, f, before) -> null, metrics, CLOCK, INSTANCE),
                new NotifyAction(List.of(slack), labels -> List.of("slack"), RETRY.maxAttempts(), metrics, CLOCK), Set.of(Category.WARNING),
                CLOCK, INSTANCE);
        pipeline = new RecordPipeline(gate(), new DedupStage(metrics, CLOCK, INSTANCE), actions, router, () -> store,
                RETRY, metrics, CLOCK, INSTANCE, new RejectionLog(new SignatureRejections(CLOCK, Duration.ofMinutes(1))));
    }

    private double counted(String result) {
        return registry.get("alertline.processor.alerts").tags("category", "warning", "result", result).counter()
                .count();
    }

    @Test
    void laterRecordsOfABatchSeeEarlierOutcomes() {
        List<ConsumerRecord<String, byte[]>> batch = List.of(record(Category.WARNING, alerts("A", "B"), 1),
                record(Category.WARNING, alerts("B"), 2));

        pipeline.processAll(batch, Category.WARNING);

        assertThat(slack.sent).extracting(m -> m.alertname()).containsExactly("A", "B");
        assertThat(store.remembered).extracting(OutcomeDocument::result)
                .containsExactly(OutcomeResult.PROCESSED, OutcomeResult.PROCESSED, OutcomeResult.DUPLICATE);
        assertThat(routed).containsOnly(Disposition.PROCESSED);
        assertThat(counted("processed")).isEqualTo(2.0);
        assertThat(counted("duplicate")).isEqualTo(1.0);
        assertThat(registry.get("alertline.processor.end.to.end").timer().count()).isEqualTo(3);
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithARejectedOutcomeAndTheBatchGoesOn() {
        List<ConsumerRecord<String, byte[]>> batch = List.of(record(Category.GPU, alerts("A"), 1),
                record(Category.WARNING, alerts("C"), 2));

        pipeline.processAll(batch, Category.WARNING);

        OutcomeDocument rejected = store.remembered.get(0);
        assertThat(rejected.kind()).isEqualTo(OutcomeKind.REJECTED);
        assertThat(rejected.key()).isEqualTo("rejected:alerts.gpu:0:1");
        assertThat(rejected.reason()).startsWith("invalid-record-signature: ");
        assertThat(routed.get(0).deadLetter().reason()).isEqualTo(DeadLetterReason.INVALID_RECORD_SIGNATURE);
        assertThat(slack.sent).extracting(m -> m.alertname()).containsExactly("C");
        assertThat(registry.get("alertline.processor.dead.lettered")
                .tags("category", "warning", "reason", "invalid-record-signature").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRetryableChannelSendsTheRecordToRetryAndTheRetryFinishesIt() {
        slack.answering(retryable(503, null));
        pipeline.process(record(Category.WARNING, alerts("A"), 1), Category.WARNING);

        assertThat(store.remembered.get(0).result()).isEqualTo(OutcomeResult.RETRYING);
        assertThat(routed.get(0).retry().nextAttempt()).isEqualTo(2);
        assertThat(routed.get(0).retry().channels()).containsExactly("slack");

        pipeline.process(retryOf(Category.WARNING, alerts("A"), 1, 2), Category.WARNING);
        assertThat(store.remembered.get(1).result()).isEqualTo(OutcomeResult.PROCESSED);
        assertThat(routed.get(1)).isEqualTo(Disposition.PROCESSED);

        pipeline.process(retryOf(Category.WARNING, alerts("A"), 1, 3), Category.WARNING);
        assertThat(store.remembered).as("a finished alert's retry writes nothing").hasSize(2);
        assertThat(slack.sent).hasSize(2);
    }

    @Test
    void aChannelThatFailsForGoodDeadLettersTheRecordAndTheAlert() {
        slack.answering(finalError(404));

        pipeline.process(record(Category.WARNING, alerts("A"), 1), Category.WARNING);

        assertThat(store.remembered.get(0).result()).isEqualTo(OutcomeResult.DEAD_LETTERED);
        assertThat(routed.get(0).deadLetter().channels()).containsExactly("slack");
        assertThat(counted("dead_lettered")).isEqualTo(1.0);
    }
}
