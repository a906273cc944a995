package io.alertline.processor.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeResult;

/**
 * Every channel's state for one alert after a notify attempt, and what the record must do about
 * it: the channels to try again (and the longest Retry-After any of them asked for) and the
 * channels that failed for good. The details are the last such channel's, for the copy's headers.
 */
public record ChannelStates(Map<String, ChannelResult> results, List<String> retryable, Duration retryAfter,
        String retryDetail, List<String> failed, String failedDetail) {

    /** An alert of a category that does not notify. */
    public static final ChannelStates NONE = new ChannelStates(null, List.of(), Duration.ZERO, null, List.of(), null);

    /**
     * The alert's result: retrying while any channel is still pending, dead-lettered when one
     * failed for good (an unconfigured channel is not a failure), processed otherwise.
     */
    public OutcomeResult result() {
        OutcomeResult result = OutcomeResult.PROCESSED;
        if (results != null) {
            for (ChannelResult channel : results.values()) {
                if (!channel.terminal()) {
                    return OutcomeResult.RETRYING;
                }
                if (channel.failed()) {
                    result = OutcomeResult.DEAD_LETTERED;
                }
            }
        }
        return result;
    }
}
