package io.alertline.processor.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.alertline.processor.config.ProcessorProperties;

/**
 * Where a record goes after its alerts were handled, handed to the {@link RecordRouter}: nowhere
 * more (processed), to the retry topic for the channels still pending, to the dead-letter topic
 * for the channels that failed for good — or both, when one channel may still succeed and
 * another never will. A rejected record goes only to the dead-letter topic.
 *
 * @param retry      null when no channel is pending
 * @param deadLetter null when nothing failed for good
 */
public record Disposition(Retry retry, DeadLetter deadLetter) {

    /** The next attempt, not before the backoff or the longest Retry-After a channel asked for. */
    public record Retry(int nextAttempt, Instant notBefore, List<String> channels, String detail) {
    }

    /** @param channels empty for a rejected record */
    public record DeadLetter(DeadLetterReason reason, String detail, List<String> channels, int attempts) {
    }

    public static final Disposition PROCESSED = new Disposition(null, null);

    public static Disposition rejected(Rejection rejection) {
        return new Disposition(null, new DeadLetter(rejection.reason(), rejection.detail(), List.of(),
                rejection.envelope().routing().attemptNumber()));
    }

    /** Folds the channel states of a record's alerts: each channel once, in the order first seen. */
    public static Disposition of(int attempt, List<ChannelStates> alerts, ProcessorProperties.Retry retry,
            Instant now) {
        List<String> retryable = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
        String retryDetail = null;
        String failedDetail = null;
        for (ChannelStates states : alerts) {
            addNew(retryable, states.retryable());
            addNew(failed, states.failed());
            if (states.retryAfter().compareTo(retryAfter) > 0) {
                retryAfter = states.retryAfter();
            }
            retryDetail = states.retryDetail() != null ? states.retryDetail() : retryDetail;
            failedDetail = states.failedDetail() != null ? states.failedDetail() : failedDetail;
        }
        Retry next = null;
        if (!retryable.isEmpty()) {
            long delay = Math.max(retry.backoffBefore(attempt + 1).toMillis(), retryAfter.toMillis());
            next = new Retry(attempt + 1, now.plusMillis(delay), List.copyOf(retryable), retryDetail);
        }
        DeadLetter dead = failed.isEmpty() ? null
                : new DeadLetter(DeadLetterReason.CHANNEL_FAILED, failedDetail, List.copyOf(failed), attempt);
        return new Disposition(next, dead);
    }

    public boolean processed() {
        return retry == null && deadLetter == null;
    }

    private static void addNew(List<String> into, List<String> channels) {
        for (String channel : channels) {
            if (!into.contains(channel)) {
                into.add(channel);
            }
        }
    }
}
