package io.alertline.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.alertline.common.payload.Alert;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;

/**
 * Sends an alert to every configured channel that has not reached an end, like Alertmanager's
 * {@code FanoutStage} with per-integration state: a retry attempt only contacts channels still
 * pending, so nothing is sent twice. A retryable failure stays pending until the last attempt
 * ({@code maxAttempts}), then fails for good; every attempt is kept in the channel's state.
 */
public class NotifyAction {

    private final List<Notifier> notifiers;
    private final int maxAttempts;
    private final ProcessorMetrics metrics;
    private final Clock clock;

    public NotifyAction(List<Notifier> notifiers, int maxAttempts, ProcessorMetrics metrics, Clock clock) {
        this.notifiers = notifiers;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @param previous the alert's unfinished earlier state, or null */
    public ChannelStates run(AdmittedRecord record, Alert alert, OutcomeDocument previous) {
        Map<String, ChannelResult> results = new LinkedHashMap<>();
        List<String> retryable = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
        String retryDetail = null;
        String failedDetail = null;
        AlertMessage message = null;
        for (Notifier notifier : notifiers) {
            String channel = notifier.channel();
            ChannelResult before = previous == null || previous.notifications() == null ? null
                    : previous.notifications().get(channel);
            if (before != null && before.terminal()) {
                results.put(channel, before);
                continue;
            }
            if (!notifier.configured()) {
                results.put(channel, ChannelResult.notConfigured());
                continue;
            }
            if (message == null) {
                message = message(record, alert);
            }
            Delivery delivery = notifier.send(message);
            Instant now = clock.instant();
            List<ChannelResult.Attempt> attempts = new ArrayList<>(before == null || before.attempts() == null
                    ? List.of() : before.attempts());
            attempts.add(new ChannelResult.Attempt(now, delivery.result().name().toLowerCase(Locale.ROOT),
                    delivery.httpStatus() == 0 ? null : delivery.httpStatus(), delivery.detail()));
            metrics.notification(channel, ProcessorMetrics.tag(delivery.result()));
            if (delivery.result() == Delivery.Result.DELIVERED) {
                results.put(channel, ChannelResult.delivered(now, attempts));
            } else if (delivery.result() == Delivery.Result.RETRYABLE && record.attempt() < maxAttempts) {
                results.put(channel, ChannelResult.pending(delivery.detail(), attempts));
                retryable.add(channel);
                if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(retryAfter) > 0) {
                    retryAfter = delivery.retryAfter();
                }
                retryDetail = channel + ": " + delivery.detail();
            } else {
                String reason = delivery.result() == Delivery.Result.RETRYABLE
                        ? "Failed after " + record.attempt() + " attempts: " + delivery.detail()
                        : delivery.detail();
                results.put(channel, ChannelResult.failedForGood(reason, attempts));
                failed.add(channel);
                failedDetail = channel + ": " + reason;
            }
        }
        return new ChannelStates(results, retryable, retryAfter, retryDetail, failed, failedDetail);
    }

    /** The alert's own time (start, or end once resolved) when it has one, else when it reached us. */
    private AlertMessage message(AdmittedRecord record, Alert alert) {
        Instant time = alert.isFiring() ? parseInstant(alert.startsAt()) : parseInstant(alert.endsAt());
        if (time == null || time.getEpochSecond() <= 0) {
            time = alert.isFiring() ? record.receivedAt() : clock.instant();
        }
        return new AlertMessage(alert.alertname(), alert.label("severity"), alert.annotation("summary"),
                alert.annotation("description"), alert.label("service"), record.category().id(),
                alert.label("instance"), alert.status(), time, record.requestId());
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
