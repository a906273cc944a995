package io.alertline.common.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this service can reach Kafka, from one cheap admin call ({@code describeCluster}) on a
 * fixed cadence on its own thread. Probes read the cached {@link #state()}, so a probe never
 * waits on Kafka and a busy orchestrator never multiplies the calls.
 *
 * <p>It is also the one voice of a broker outage in the log: a WARN when Kafka is lost, an INFO
 * when it is back, and a WARN summary once a {@code summaryEvery} in between. The clients'
 * own per-attempt warnings are turned off in the services' logging configuration because this
 * says the same once.
 */
public final class KafkaConnectivity implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaConnectivity.class);

    /**
     * The last check: {@code reachable} null before the first one; {@code since} when the current
     * state began; {@code authenticationFailed} when Kafka answered but refused our credentials.
     */
    public record State(Boolean reachable, Instant since, Instant checkedAt, String error,
            boolean authenticationFailed) {

        /**
         * {@code up}, {@code unreachable} or {@code authentication failed}: the {@code "kafka"}
         * field of both services' {@code /health}. A refused login points at this service's
         * credentials or trust store, not at the network or the broker being down.
         */
        public String status() {
            return Boolean.TRUE.equals(reachable) ? "up" : authenticationFailed ? "authentication failed" : "unreachable";
        }
    }

    private final Admin admin;
    private final Duration interval;
    private final Duration timeout;
    private final Duration summaryEvery;
    private final Clock clock;
    private volatile State state = new State(null, null, null, null, false);
    private Instant lastSummary;
    private ScheduledExecutorService executor;

    /**
     * @param interval     time between checks (also bounds how late readiness notices)
     * @param timeout      longest wait for one check
     * @param summaryEvery how often an ongoing outage is summarised in the log
     */
    public KafkaConnectivity(Admin admin, Duration interval, Duration timeout, Duration summaryEvery, Clock clock) {
        this.admin = admin;
        this.interval = interval;
        this.timeout = timeout;
        this.summaryEvery = summaryEvery;
        this.clock = clock;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-connectivity");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public State state() {
        return state;
    }

    /** One check now, on the caller's thread; also what the schedule runs. */
    public void check() {
        String error = null;
        boolean authenticationFailed = false;
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                error = "the cluster reported no brokers";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            error = String.valueOf(e.getCause());
            authenticationFailed = e.getCause() instanceof AuthenticationException;
        } catch (Exception e) {
            error = e.toString();
        }
        record(error == null, error, authenticationFailed);
    }

    private void record(boolean reachable, String error, boolean authenticationFailed) {
        Instant now = clock.instant();
        State before = state;
        boolean changed = before.reachable() == null || before.reachable() != reachable;
        state = new State(reachable, changed ? now : before.since(), now, error, authenticationFailed);
        if (changed && !reachable) {
            lastSummary = now;
            log.warn("Kafka is unreachable: {}; readiness is DOWN until it is back (the clients keep retrying; "
                    + "a summary follows every {}s)", error, summaryEvery.toSeconds());
        } else if (changed && before.reachable() != null) {
            log.info("Kafka is reachable again after {}s", Duration.between(before.since(), now).toSeconds());
        } else if (!reachable && Duration.between(lastSummary, now).compareTo(summaryEvery) >= 0) {
            lastSummary = now;
            log.warn("Kafka still unreachable, for {}s now (since {}): {}",
                    Duration.between(before.since(), now).toSeconds(), before.since(), error);
        }
    }
}
