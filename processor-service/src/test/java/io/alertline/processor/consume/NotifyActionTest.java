package io.alertline.processor.consume;

import static io.alertline.processor.consume.FakeNotifier.*;
import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.outcome.ActionResults;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;

class NotifyActionTest {

    private static final Function<Map<String, String>, List<String>> EVERYWHERE =
            labels -> List.of("slack", "discord", "telegram");

    private final FakeNotifier slack = new FakeNotifier("slack", true);
    private final FakeNotifier discord = new FakeNotifier("discord", true);
    private final FakeNotifier telegram = new FakeNotifier("telegram", false);
    private final NotifyAction notify = notify(EVERYWHERE);

    private NotifyAction notify(Function<Map<String, String>, List<String>> routes) {
        return new NotifyAction(List.of(slack, discord, telegram), routes, RETRY.maxAttempts(), metrics(registry()),
                CLOCK);
    }

    private static AdmittedRecord attempt(int attempt, String... alertnames) {
        String body = alerts(alertnames.length == 0 ? new String[] {"A"} : alertnames);
        return admitted(attempt == 1 ? record(Category.WARNING, body, 1) : retryOf(Category.WARNING, body, 1, attempt),
                Category.WARNING);
    }

    /** Every alert of the record, with the given previous states (by position; missing = fresh). */
    private static List<ProceedingAlert> proceeding(AdmittedRecord record, OutcomeDocument... previous) {
        List<ProceedingAlert> out = new ArrayList<>();
        List<Alert> alerts = record.payload().alerts();
        for (int i = 0; i < alerts.size(); i++) {
            out.add(new ProceedingAlert(alerts.get(i), record.subject(alerts.get(i)),
                    i < previous.length ? previous[i] : null));
        }
        return out;
    }

    private static String messageId(String target, int attempt) {
        return "req-1/" + target + "/" + attempt;
    }

    @Test
    void everyConfiguredTargetIsSentOnceAndAnUnconfiguredOneIsNotAFailure() {
        AdmittedRecord record = attempt(1);

        ChannelStates states = notify.run(record, proceeding(record)).get(0);

        assertThat(slack.messages).hasSize(1);
        assertThat(slack.sent.get(0).requestId()).isEqualTo("req-1");
        assertThat(discord.messages).hasSize(1);
        assertThat(telegram.messages).isEmpty();
        assertThat(states.results().get("slack")).isEqualTo(ChannelResult.delivered(NOW,
                List.of(new ChannelResult.Attempt(NOW, "delivered", 200, "HTTP 200", messageId("slack", 1))),
                messageId("slack", 1), 1));
        assertThat(states.results().get("telegram")).isEqualTo(ChannelResult.notConfigured());
        assertThat(states.result()).isEqualTo(OutcomeResult.PROCESSED);
        assertThat(states.retryable()).isEmpty();
        assertThat(states.failed()).isEmpty();
    }

    @Test
    void aGroupOfThreeIsOneMessagePerTargetCarryingAllThree() {
        AdmittedRecord record = attempt(1, "A", "B", "C");

        List<ChannelStates> states = notify.run(record, proceeding(record));

        assertThat(slack.messages).hasSize(1);
        assertThat(slack.messages.get(0).alerts()).extracting(AlertMessage::alertname).containsExactly("A", "B", "C");
        assertThat(discord.messages).hasSize(1);
        assertThat(discord.messages.get(0).alerts()).hasSize(3);
        assertThat(states).hasSize(3).allSatisfy(s -> {
            assertThat(s.results().get("slack").message()).isEqualTo(messageId("slack", 1));
            assertThat(s.results().get("slack").alertsInMessage()).isEqualTo(3);
        });
    }

    @Test
    void alertsAreRoutedByTheirOwnLabelsAndATargetGetsOnlyItsAlerts() {
        NotifyAction routed = notify(labels -> "B".equals(labels.get("alertname")) ? List.of("slack", "discord")
                : List.of("discord"));
        AdmittedRecord record = attempt(1, "A", "B", "C");

        List<ChannelStates> states = routed.run(record, proceeding(record));

        assertThat(slack.sent).extracting(AlertMessage::alertname).containsExactly("B");
        assertThat(discord.messages).hasSize(1);
        assertThat(discord.sent).extracting(AlertMessage::alertname).containsExactly("A", "B", "C");
        assertThat(states.get(0).results()).containsOnlyKeys("discord");
        assertThat(states.get(1).results()).containsOnlyKeys("slack", "discord");
    }

    @Test
    void anAlertNoRouteMatchesIsProcessedWithoutNotifications() {
        AdmittedRecord record = attempt(1);

        ChannelStates states = notify(labels -> List.of()).run(record, proceeding(record)).get(0);

        assertThat(slack.messages).isEmpty();
        assertThat(states.results()).isEmpty();
        assertThat(states.result()).isEqualTo(OutcomeResult.PROCESSED);
    }

    @Test
    void aRetryableFailureStaysPendingWithTheLongestRetryAfter() {
        slack.answering(retryable(429, Duration.ofSeconds(7)));
        discord.answering(retryable(503, Duration.ofSeconds(3)));
        AdmittedRecord record = attempt(1);

        ChannelStates states = notify.run(record, proceeding(record)).get(0);

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

        ChannelStates states = notify.run(last, proceeding(last)).get(0);

        assertThat(states.result()).isEqualTo(OutcomeResult.DEAD_LETTERED);
        assertThat(states.failed()).containsExactly("slack", "discord");
        assertThat(states.results().get("slack").reason()).isEqualTo("Failed after 3 attempts: HTTP 500");
        assertThat(states.failedDetail()).isEqualTo("discord: HTTP 404");
        assertThat(states.retryable()).isEmpty();
    }

    @Test
    void aRetryContactsOnlyTargetsNotYetAtAnEndWithOnlyTheAlertsMissingThere() {
        AdmittedRecord second = attempt(2, "A", "B", "C");
        List<Alert> alerts = second.payload().alerts();
        ChannelResult.Attempt first = new ChannelResult.Attempt(NOW.minusSeconds(5), "retryable", 503, "HTTP 503");
        ChannelResult delivered = ChannelResult.delivered(NOW.minusSeconds(5), List.of());
        // A: slack failed, discord delivered; B: both delivered (finished, so not proceeding); C: slack failed
        OutcomeDocument previousA = previous(second, alerts.get(0), ChannelResult.pending("HTTP 503", List.of(first)),
                delivered);
        OutcomeDocument previousC = previous(second, alerts.get(2), ChannelResult.pending("HTTP 503", List.of(first)),
                delivered);
        List<ProceedingAlert> proceeding = List.of(new ProceedingAlert(alerts.get(0), second.subject(alerts.get(0)),
                previousA), new ProceedingAlert(alerts.get(2), second.subject(alerts.get(2)), previousC));

        List<ChannelStates> states = notify.run(second, proceeding);

        assertThat(discord.messages).as("already delivered there: never sent twice").isEmpty();
        assertThat(slack.messages).hasSize(1);
        assertThat(slack.sent).extracting(AlertMessage::alertname).containsExactly("A", "C");
        assertThat(states.get(0).results().get("slack").attempts()).extracting(ChannelResult.Attempt::result)
                .containsExactly("retryable", "delivered");
        assertThat(states.get(0).results().get("slack").message()).isEqualTo(messageId("slack", 2));
        assertThat(states).allSatisfy(s -> assertThat(s.result()).isEqualTo(OutcomeResult.PROCESSED));
    }

    private static OutcomeDocument previous(AdmittedRecord record, Alert alert, ChannelResult slack,
            ChannelResult discord) {
        return OutcomeDocument.acted(record.subject(alert), OutcomeResult.RETRYING,
                new ActionResults(null, Map.of("slack", slack, "discord", discord), null, null, null),
                NOW.minusSeconds(5), INSTANCE);
    }

    @Test
    void theMessageCarriesTheAlertsOwnStartTimeAndTheGroupsContext() {
        AdmittedRecord record = attempt(1);

        notify.run(record, proceeding(record));

        assertThat(slack.sent.get(0).time()).isEqualTo(java.time.Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(slack.sent.get(0).category()).isEqualTo("warning");
        assertThat(slack.sent.get(0).labels()).containsEntry("service", "ollama");
        assertThat(slack.messages.get(0).requestId()).isEqualTo("req-1");
    }
}
