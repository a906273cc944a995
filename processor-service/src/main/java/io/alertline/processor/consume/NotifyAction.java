package io.alertline.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.alertline.common.payload.Alert;
import io.alertline.common.payload.WebhookPayload;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.outcome.ChannelResult;

/**
 * Sends a record's alerts to their targets as one message per target, like Alertmanager's
 * {@code FanoutStage} with per-integration state. Each alert is routed by its labels; a target
 * gets one {@link GroupMessage} with the alerts routed to it that it does not have yet, so a
 * retry contacts only the targets still pending, with only the alerts still missing there, and
 * nothing is sent twice. A retryable failure stays pending until the last attempt
 * ({@code maxAttempts}), then fails for good; every attempt is kept in each alert's state.
 */
public class NotifyAction {

    private final Map<String, Notifier> targets = new LinkedHashMap<>();
    private final Function<Map<String, String>, List<String>> routes;
    private final int maxAttempts;
    private final ProcessorMetrics metrics;
    private final Clock clock;

    /** @param routes an alert's labels to the names of its targets, in order (first match wins unless continue) */
    public NotifyAction(List<Notifier> notifiers, Function<Map<String, String>, List<String>> routes, int maxAttempts,
            ProcessorMetrics metrics, Clock clock) {
        notifiers.forEach(n -> targets.put(n.target(), n));
        this.routes = routes;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return each alert's target states, in the order of {@code alerts} */
    public List<ChannelStates> run(AdmittedRecord record, List<ProceedingAlert> alerts) {
        List<Map<String, ChannelResult>> results = new ArrayList<>(alerts.size());
        Map<String, List<Integer>> outstanding = new LinkedHashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            results.add(route(alerts.get(i), i, outstanding));
        }
        List<PendingStates> states = new ArrayList<>(alerts.size());
        alerts.forEach(a -> states.add(new PendingStates()));
        outstanding.forEach((name, indexes) -> deliver(record, alerts, targets.get(name), indexes, results, states));
        List<ChannelStates> out = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            out.add(states.get(i).with(results.get(i)));
        }
        return out;
    }

    /** The alert's targets: those at an end keep their state, the others wait for a message. */
    private Map<String, ChannelResult> route(ProceedingAlert alert, int index, Map<String, List<Integer>> outstanding) {
        Map<String, ChannelResult> previous = alert.previous() == null || alert.previous().notifications() == null
                ? Map.of() : alert.previous().notifications();
        Map<String, ChannelResult> result = new LinkedHashMap<>();
        for (String name : routes.apply(alert.alert().labels())) {
            ChannelResult before = previous.get(name);
            Notifier target = targets.get(name);
            if (before != null && before.terminal()) {
                result.put(name, before);
            } else if (target == null || !target.configured()) {
                result.put(name, ChannelResult.notConfigured());
            } else {
                result.put(name, before); // replaced once the message was sent
                outstanding.computeIfAbsent(name, n -> new ArrayList<>()).add(index);
            }
        }
        // a delivery an earlier attempt made stays on record even if the routes changed since
        previous.forEach((name, before) -> {
            if (!result.containsKey(name) && before.terminal()) {
                result.put(name, before);
            }
        });
        return result;
    }

    private void deliver(AdmittedRecord record, List<ProceedingAlert> alerts, Notifier target, List<Integer> indexes,
            List<Map<String, ChannelResult>> results, List<PendingStates> states) {
        List<AlertMessage> messages = new ArrayList<>(indexes.size());
        indexes.forEach(i -> messages.add(message(record, alerts.get(i).alert())));
        WebhookPayload payload = record.payload();
        GroupMessage group = new GroupMessage(record.requestId(), record.category().id(), payload.receiver(),
                payload.groupLabels(), payload.commonLabels(), payload.externalURL(), messages,
                indexes.size() == payload.alerts().size() ? payload.truncatedAlerts() : 0);
        Delivery delivery = target.send(group);
        Instant now = clock.instant();
        String name = target.target();
        String messageId = record.requestId() + "/" + name + "/" + record.attempt();
        String result = ProcessorMetrics.tag(delivery.result());
        metrics.notification(target.channel(), result);
        ChannelResult.Attempt attempt = new ChannelResult.Attempt(now, result,
                delivery.httpStatus() == 0 ? null : delivery.httpStatus(), delivery.detail(), messageId);
        for (int i : indexes) {
            ChannelResult before = results.get(i).get(name);
            List<ChannelResult.Attempt> attempts = new ArrayList<>(before == null || before.attempts() == null
                    ? List.of() : before.attempts());
            attempts.add(attempt);
            results.get(i).put(name, states.get(i).record(name, delivery, attempts, now, messageId, indexes.size(),
                    record.attempt() < maxAttempts, record.attempt()));
        }
    }

    /** The alert's own time (start, or end once resolved) when it has one, else when it reached us. */
    private AlertMessage message(AdmittedRecord record, Alert alert) {
        Instant time = alert.isFiring() ? parseInstant(alert.startsAt()) : parseInstant(alert.endsAt());
        if (time == null || time.getEpochSecond() <= 0) {
            time = alert.isFiring() ? record.receivedAt() : clock.instant();
        }
        return new AlertMessage(alert.alertname(), alert.label("severity"), alert.annotation("summary"),
                alert.annotation("description"), alert.label("service"), record.category().id(),
                alert.label("instance"), alert.status(), time, record.requestId(), alert.generatorURL(),
                alert.labels());
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

    /** What one alert's record must do after this attempt: the targets to retry and the ones failed for good. */
    private static final class PendingStates {
        private final List<String> retryable = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private Duration retryAfter = Duration.ZERO;
        private String retryDetail;
        private String failedDetail;

        ChannelResult record(String target, Delivery delivery, List<ChannelResult.Attempt> attempts, Instant now,
                String messageId, int alertsInMessage, boolean attemptsLeft, int attempt) {
            if (delivery.result() == Delivery.Result.DELIVERED) {
                return ChannelResult.delivered(now, attempts, messageId, alertsInMessage);
            }
            if (delivery.result() == Delivery.Result.RETRYABLE && attemptsLeft) {
                retryable.add(target);
                if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(retryAfter) > 0) {
                    retryAfter = delivery.retryAfter();
                }
                retryDetail = target + ": " + delivery.detail();
                return ChannelResult.pending(delivery.detail(), attempts);
            }
            String reason = delivery.result() == Delivery.Result.RETRYABLE
                    ? "Failed after " + attempt + " attempts: " + delivery.detail() : delivery.detail();
            failed.add(target);
            failedDetail = target + ": " + reason;
            return ChannelResult.failedForGood(reason, attempts);
        }

        ChannelStates with(Map<String, ChannelResult> results) {
            return new ChannelStates(results, List.copyOf(retryable), retryAfter, retryDetail, List.copyOf(failed),
                    failedDetail);
        }
    }
}
