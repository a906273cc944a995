package io.alertline.processor.notify;

/**
 * One chat channel. Implementations are thread-safe.
 *
 * <p>Like Alertmanager's {@code notify.Notifier}, the integration only says what happened to one
 * attempt; whether and when to try again is the caller's decision, made from {@link Delivery}.
 */
public interface Notifier {

    /** "discord", "slack", "telegram": stable, used in outcomes and metrics. */
    String channel();

    /** False when its URL/token is not set; an unconfigured channel is skipped, not failed. */
    boolean configured();

    /**
     * Sends one message. Never throws: network errors become a {@link Delivery.Result#RETRYABLE}
     * delivery, so one broken channel cannot stop the others or the consumer thread.
     */
    Delivery send(AlertMessage message);
}
