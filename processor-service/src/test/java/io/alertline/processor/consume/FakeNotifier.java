package io.alertline.processor.consume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.Notifier;

/** A channel that answers with the deliveries it is given (delivered once they run out) and keeps what it was sent. */
final class FakeNotifier implements Notifier {

    /** Every alert sent, message after message. */
    final List<AlertMessage> sent = new ArrayList<>();
    /** Every message sent: one per group. */
    final List<GroupMessage> messages = new ArrayList<>();
    private final String channel;
    private final boolean configured;
    private final Deque<Delivery> answers = new ArrayDeque<>();

    FakeNotifier(String channel, boolean configured) {
        this.channel = channel;
        this.configured = configured;
    }

    FakeNotifier answering(Delivery... deliveries) {
        answers.addAll(List.of(deliveries));
        return this;
    }

    static Delivery delivered() {
        return new Delivery(Delivery.Result.DELIVERED, 200, null, "HTTP 200");
    }

    static Delivery retryable(int status, Duration retryAfter) {
        return new Delivery(Delivery.Result.RETRYABLE, status, retryAfter, "HTTP " + status);
    }

    static Delivery finalError(int status) {
        return new Delivery(Delivery.Result.FINAL, status, null, "HTTP " + status);
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String target() {
        return channel;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public Delivery send(GroupMessage message) {
        messages.add(message);
        sent.addAll(message.alerts());
        return answers.isEmpty() ? delivered() : answers.poll();
    }
}
