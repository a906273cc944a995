package io.alertline.processor.notify.template;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A custom template that fails at run time (a value of an unexpected shape, say) is counted on
 * every message and logged at most once a minute per channel, with the reason: a broken
 * template on a busy channel must not flood the log, and must not go unnoticed either.
 */
public final class LoggedFallbacks implements MessageRenderer.FallbackListener {

    private static final Logger log = LoggerFactory.getLogger(LoggedFallbacks.class);
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final String channel;
    private final Runnable counter;
    private final Clock clock;
    private final AtomicReference<Long> lastLogged = new AtomicReference<>();
    private final AtomicLong sinceLogged = new AtomicLong();

    public LoggedFallbacks(String channel, Runnable counter, Clock clock) {
        this.channel = channel;
        this.counter = counter;
        this.clock = clock;
    }

    @Override
    public void fellBack(String source, RuntimeException error) {
        counter.run();
        long count = sinceLogged.incrementAndGet();
        long now = clock.millis();
        Long last = lastLogged.get();
        if ((last == null || now - last >= QUIET.toMillis()) && lastLogged.compareAndSet(last, now)) {
            sinceLogged.addAndGet(-count);
            log.warn("{} template {} failed {} time(s) since the last report, messages used the built-in template;"
                    + " last error: {}", channel, source, count, error.getMessage());
        }
    }
}
