package io.alertline.processor.notify;

/**
 * One notification target: a chat channel with its own address and template. Implementations
 * are thread-safe.
 *
 * <p>Like Alertmanager's {@code notify.Notifier}, the integration only says what happened to one
 * attempt; whether and when to try again is the caller's decision, made from {@link Delivery}.
 */
public interface Notifier {

    /** "discord", "slack", "telegram": the kind of channel, used in metrics. */
    String channel();

    /**
     * The target's name in the routes file and in outcomes; the default targets are named after
     * their channel ("slack"), which keeps outcomes written before routes existed readable.
     */
    String target();

    /** False when its URL/token is not set; an unconfigured target is skipped, not failed. */
    boolean configured();

    /**
     * Sends one message about the group's alerts. Never throws: network errors become a
     * {@link Delivery.Result#RETRYABLE} delivery, so one broken target cannot stop the others or
     * the consumer thread.
     */
    Delivery send(GroupMessage message);
}
