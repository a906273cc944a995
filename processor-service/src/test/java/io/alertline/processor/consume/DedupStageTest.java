package io.alertline.processor.consume;

import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.payload.Alert;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeKind;
import io.alertline.processor.outcome.OutcomeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DedupStageTest {

    private final SimpleMeterRegistry registry = registry();
    private final DedupStage dedup = new DedupStage(metrics(registry), CLOCK, INSTANCE);
    private final InMemoryOutcomes store = new InMemoryOutcomes();
    private final AdmittedRecord first = admitted(record(Category.WARNING, alerts("A"), 1), Category.WARNING);

    private static AlertSubject subjectOf(AdmittedRecord record) {
        Alert alert = record.payload().alerts().get(0);
        return record.subject(alert);
    }

    /** An earlier outcome of the same alert by request {@code req-0}, in replay {@code replayId}. */
    private void earlier(OutcomeResult result, String replayId) {
        AlertSubject s = subjectOf(first);
        AlertSubject earlier = new AlertSubject(s.idempotencyKey(), "req-0", s.category(), s.alertname(),
                s.fingerprint(), s.status(), s.startsAt(), s.receivedAt(), 1, replayId, s.source());
        ActionResults actions = new ActionResults(null, Map.of("slack", ChannelResult.failedForGood("HTTP 404", null),
                "discord", ChannelResult.delivered(NOW, null)), null, null, null);
        store.remember(OutcomeDocument.acted(earlier, result, actions, NOW.minusSeconds(60), "other"));
    }

    private double duplicates() {
        return registry.get("alertline.processor.duplicates").tag("category", "warning").counter().count();
    }

    @Test
    void aFreshAlertProceedsWithNothingEarlier() {
        assertThat(dedup.check(first, subjectOf(first), store)).isEqualTo(new DedupDecision.Proceed(null));
    }

    @Test
    void aFinishedAlertIsADuplicateNamingTheRequestThatFinishedIt() {
        earlier(OutcomeResult.PROCESSED, null);

        DedupDecision decision = dedup.check(first, subjectOf(first), store);

        assertThat(decision).isInstanceOfSatisfying(DedupDecision.Duplicate.class, d -> {
            OutcomeDocument doc = d.outcome();
            assertThat(doc.kind()).isEqualTo(OutcomeKind.DUPLICATE);
            assertThat(doc.key()).isEqualTo("dup:req-1:" + subjectOf(first).idempotencyKey());
            assertThat(doc.duplicateOf()).isEqualTo("req-0");
            assertThat(doc.processedAt()).isEqualTo(NOW);
            assertThat(doc.processedBy()).isEqualTo(INSTANCE);
        });
        assertThat(duplicates()).isEqualTo(1.0);
    }

    @Test
    void aRetryOfAGroupSkipsAlertsAnEarlierAttemptFinished() {
        earlier(OutcomeResult.DEAD_LETTERED, null);
        AdmittedRecord retry = admitted(retryOf(Category.WARNING, alerts("A"), 1, 2), Category.WARNING);

        assertThat(dedup.check(retry, subjectOf(retry), store)).isEqualTo(new DedupDecision.Skip());
        assertThat(duplicates()).isEqualTo(1.0);
    }

    @Test
    void anUnfinishedAlertProceedsFromItsEarlierState() {
        earlier(OutcomeResult.RETRYING, null);

        assertThat(dedup.check(first, subjectOf(first), store)).isInstanceOfSatisfying(DedupDecision.Proceed.class,
                p -> assertThat(p.previous().requestId()).isEqualTo("req-0"));
    }

    @Test
    void aForcedReplayForgetsTheEarlierOutcomeButNotItsOwn() {
        AdmittedRecord forced = admitted(replayOf(Category.WARNING, alerts("A"), 1, ReplayMode.FORCE, "r1", SIGNER),
                Category.WARNING);
        earlier(OutcomeResult.PROCESSED, null);
        assertThat(dedup.check(forced, subjectOf(forced), store)).isEqualTo(new DedupDecision.Proceed(null));

        earlier(OutcomeResult.PROCESSED, "r1");
        assertThat(dedup.check(forced, subjectOf(forced), store)).isInstanceOf(DedupDecision.Duplicate.class);
    }

    @Test
    void aRedriveReopensOnlyADeadLetteredAlertsFailedChannels() {
        AdmittedRecord redrive = admitted(replayOf(Category.WARNING, alerts("A"), 1, ReplayMode.REDRIVE, "r2",
                SIGNER), Category.WARNING);
        earlier(OutcomeResult.DEAD_LETTERED, null);

        DedupDecision decision = dedup.check(redrive, subjectOf(redrive), store);

        assertThat(decision).isInstanceOfSatisfying(DedupDecision.Proceed.class, p -> {
            assertThat(p.previous().result()).isEqualTo(OutcomeResult.RETRYING);
            assertThat(p.previous().notifications().get("slack").terminal()).as("failed: tried again").isFalse();
            assertThat(p.previous().notifications().get("discord").terminal()).as("delivered: stays done").isTrue();
        });

        earlier(OutcomeResult.PROCESSED, null);
        assertThat(dedup.check(redrive, subjectOf(redrive), store)).isInstanceOf(DedupDecision.Duplicate.class);
    }

    @Test
    void theSameAlertTwiceInOneGroupIsActedOnOnceAndTheSecondIsItsDuplicate() {
        AdmittedRecord twice = admitted(record(Category.WARNING, alerts("A", "A"), 1), Category.WARNING);

        java.util.List<DedupDecision> decisions = dedup.checkAll(twice, store);

        assertThat(decisions.get(0)).isEqualTo(new DedupDecision.Proceed(null));
        assertThat(decisions.get(1)).isInstanceOfSatisfying(DedupDecision.Duplicate.class,
                d -> assertThat(d.outcome().duplicateOf()).isEqualTo(twice.requestId()));
        assertThat(duplicates()).isEqualTo(1.0);
    }

    @Test
    void onARetryTheSecondCopyInTheGroupIsSkippedNotRecordedAgain() {
        AdmittedRecord retry = admitted(retryOf(Category.WARNING, alerts("A", "A"), 1, 2), Category.WARNING);

        java.util.List<DedupDecision> decisions = dedup.checkAll(retry, store);

        assertThat(decisions).containsExactly(new DedupDecision.Proceed(null), new DedupDecision.Skip());
    }
}
