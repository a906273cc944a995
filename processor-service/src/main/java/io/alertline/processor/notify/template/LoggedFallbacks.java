package io.alertline.processor.notify.template;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.logging.FailureSummary;

/**
 * A custom template that fails at run time (a value of an unexpected shape, say) is counted on
 * every message and logged through a {@link FailureSummary}: at most one WARN line a minute per
 * channel, with the reason. A broken template on a busy channel must not flood the log, and must
 * not go unnoticed either.
 */
public final class LoggedFallbacks implements MessageRenderer.FallbackListener {

    private static final Logger log = LoggerFactory.getLogger(LoggedFallbacks.class);

    private final Runnable counter;
    private final FailureSummary summary;

    public LoggedFallbacks(String channel, Runnable counter) {
        this.counter = counter;
        this.summary = new FailureSummary(log, channel + " template failed, the built-in template was used",
                Duration.ofMinutes(1));
    }

    @Override
    public void fellBack(String source, RuntimeException error) {
        counter.run();
        summary.record(source + ": " + error.getMessage());
    }
}
