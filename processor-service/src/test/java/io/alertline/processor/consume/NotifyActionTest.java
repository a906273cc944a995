package io.alertline.processor.consume;

import static io.alertline.processor.consume.FakeNotifier.*;
import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;

class NotifyActionTest {

    private final FakeNotifier slack = new FakeNotifier("slack", true);
    private final FakeNotifier discord = new FakeNotifier("discord", true);
    private final FakeNotifier telegram = new FakeNotifier("telegram", false);
    private final NotifyAction notify = new NotifyAction(List.of(slack, discord, telegram), RETRY.maxAttempts(),
            metrics(registry()), CLOCK);

    private static AdmittedRecord attempt(int attempt) {
        return admitted(attempt == 1 ? record(Category.WARNING, alerts("A"), 1)
                : retryOf(Category.WARNING, alerts("A"), 1, attempt), Category.WARNING);
    }

    private static Alert alertOf(AdmittedRecord record) {
        return record.payload().alerts().get(0);
    }

    @Test
    void everyConfiguredChannelIsSentOnceAndAnUnconfiguredOneIsNotAFailure() {
        AdmittedRecord record = attempt(1);

        ChannelStates states = notify.run(record, alertOf(record), null);

        assertThat(slack.sent).hasSize(1);
        assertThat(slack.sent.get(0).requestId()).isEqualTo("req-1");
        assertThat(discord.sent).hasSize(1);
        assertThat(telegram.sent).isEmpty();
        assertThat(states.results().get("slack")).isEqualTo(ChannelResult.delivered(NOW,
                List.of(new ChannelResult.Attempt(NOW, "delivered", 200, "HTTP 200"))));
        assertThat(states.results().get("telegram")).isEqualTo(ChannelResult.notConfigured());
        assertThat(states.result()).isEqualTo(OutcomeResult.PROCESSED);
        assertThat(states.retryable()).isEmpty();
        assertThat(states.failed()).isEmpty();
    }

    @Test
    void aRetryableFailureStaysPendingWithTheLongestRetryAfter() {
        slack.answering(retryable(429, Duration.ofSeconds(7)));
        discord.answering(retryable(503, Duration.ofSeconds(3)));
        AdmittedRecord record = attempt(1);

        ChannelStates states = notify.run(record, alertOf(record), null);

        assertThat(states.result()).isEqualTo(OutcomeResult.RETRYING);
        assertThat(states.retryable()).containsExactly("slack", "discord");
        assertThat(states.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(states.retryDetail()).isEqualTo("discord: HTTP 503");
        assertThat(states.results().get("slack").pending()).isTrue();
    }

    @Test
    void aRetryableFailureOnTheLastAttemptAndAFinalErrorFailForGood() {
        slack.answering(retryable(500, null));
        discord.answering(finalError(404));
        AdmittedRecord last = attempt(RETRY.maxAttempts());

        ChannelStates states = notify.run(last, alertOf(last), null);

        assertThat(states.result()).isEqualTo(OutcomeResult.DEAD_LETTERED);
        assertThat(states.failed()).containsExactly("slack", "discord");
        assertThat(states.results().get("slack").reason()).isEqualTo("Failed after 3 attempts: HTTP 500");
        assertThat(states.failedDetail()).isEqualTo("discord: HTTP 404");
        assertThat(states.retryable()).isEmpty();
    }

    @Test
    void aRetryContactsOnlyChannelsNotYetAtAnEndAndKeepsTheirAttempts() {
        AdmittedRecord second = attempt(2);
        ChannelResult.Attempt first = new ChannelResult.Attempt(NOW.minusSeconds(5), "retryable", 503, "HTTP 503");
        OutcomeDocument previous = OutcomeDocument.acted(second.subject(alertOf(second)), OutcomeResult.RETRYING,
                new ActionResults(null, Map.of("slack", ChannelResult.pending("HTTP 503", List.of(first)),
                        "discord", ChannelResult.delivered(NOW.minusSeconds(5), List.of())), null, null, null),
                NOW.minusSeconds(5), INSTANCE);

        ChannelStates states = notify.run(second, alertOf(second), previous);

        assertThat(discord.sent).as("already delivered: never sent twice").isEmpty();
        assertThat(slack.sent).hasSize(1);
        assertThat(states.results().get("slack").attempts()).extracting(ChannelResult.Attempt::result)
                .containsExactly("retryable", "delivered");
        assertThat(states.result()).isEqualTo(OutcomeResult.PROCESSED);
    }

    @Test
    void theMessageCarriesTheAlertsOwnStartTime() {
        AdmittedRecord record = attempt(1);

        notify.run(record, alertOf(record), null);

        assertThat(slack.sent.get(0).time()).isEqualTo(java.time.Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(slack.sent.get(0).category()).isEqualTo("warning");
    }
}
