package io.alertline.common.logging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * One kind of failure that can repeat many times a second (a publish during a broker outage, a
 * record with a bad signature), logged as at most one WARN line per period: the first failure
 * after a quiet period is logged at once, the ones after it are counted and summarised when the
 * period ends ("N more in the last 1m; last: …"), and a period without failures ends the run.
 * Every failure is still counted ({@link #total()}) and logged at DEBUG, so nothing is lost to
 * whoever turns the logger up.
 */
public final class FailureSummary {

    /** One daemon thread for every summary in the JVM: it only ever writes a log line. */
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "failure-summary");
        t.setDaemon(true);
        return t;
    });

    private final Logger log;
    private final String what;
    private final Duration period;
    private final AtomicLong total = new AtomicLong();
    private long pending;
    private String lastDetail;
    private boolean inRun;

    /**
     * @param what names the failure in the line, e.g. "publish to Kafka failed"
     */
    public FailureSummary(Logger log, String what, Duration period) {
        this.log = log;
        this.what = what;
        this.period = period;
    }

    /** One failure; {@code detail} must hold no secret (it may be logged). */
    public void record(String detail) {
        total.incrementAndGet();
        log.debug("{}: {}", what, detail);
        boolean logNow;
        synchronized (this) {
            lastDetail = detail;
            logNow = !inRun;
            if (logNow) {
                inRun = true;
                FLUSHER.schedule(this::endOfPeriod, period.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                pending++;
            }
        }
        if (logNow) {
            log.warn("{}: {} (repeats are counted and summarised every {})", what, detail, describe(period));
        }
    }

    private void endOfPeriod() {
        long count;
        String detail;
        synchronized (this) {
            count = pending;
            detail = lastDetail;
            pending = 0;
            inRun = count > 0;
            if (inRun) {
                FLUSHER.schedule(this::endOfPeriod, period.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (count > 0) {
            log.warn("{}: {} more in the last {} ({} in all); last: {}", what, count, describe(period), total(), detail);
        }
    }

    /** Failures recorded since start. */
    public long total() {
        return total.get();
    }

    static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() > 0 ? d.toMinutes() + "m"
                : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
