package io.alertline.ingest.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.logging.FailureSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a send's future into a Mono bounded by the publish timeout, whose failure can never
 * outlive its subscriber. When the timeout has already answered 503, the producer's own failure
 * arrives later (its delivery timeout, a dead leader); as a Reactor error it would reach
 * {@code onErrorDropped}, an ERROR with a stack trace per request during a broker outage. Here
 * the future completes with a settled value instead (a dropped value is only discarded, never
 * logged), and a failure that comes after the caller gave up is counted and summarised: one WARN
 * line a minute at most.
 */
public final class LateSendFailures {

    private static final Logger log = LoggerFactory.getLogger(LateSendFailures.class);

    private final Counter counter;
    private final FailureSummary summary = new FailureSummary(log,
            "publish failed after the request was already answered 503 (the sender retries; a copy may"
                    + " still have been stored, the processor skips it as a duplicate)",
            Duration.ofMinutes(1));

    public LateSendFailures(MeterRegistry registry) {
        this.counter = Counter.builder("alertline.ingest.publish.late.failures")
                .description("Sends that failed after their request had already been answered 503")
                .register(registry);
    }

    /**
     * The send's outcome as a Mono, bounded by {@code timeout} (a {@link TimeoutException}
     * then). The send is started on {@code scheduler} (it can block while metadata is missing).
     * Only settled values ever cross the timeout operator, and the failure is turned into an
     * error after it: an error arriving after the timeout fired would otherwise be dropped there,
     * logged as an ERROR with a stack trace; a value is only discarded. A failure after the
     * timeout is counted here instead.
     */
    public <T> Mono<T> guard(Supplier<CompletableFuture<T>> send, Scheduler scheduler, Duration timeout) {
        return Mono.defer(() -> {
            AtomicBoolean abandoned = new AtomicBoolean();
            Mono<Settled<T>> settled = Mono.fromFuture(() -> settle(send.get(), abandoned), false);
            // operators cost per request: no subscribeOn when it would not change the thread
            if (scheduler != Schedulers.immediate()) {
                settled = settled.subscribeOn(scheduler);
            }
            // With a fallback, Reactor's timeout does not build its description (the operator
            // chain's name, a regex replace) on every subscription: 1.7 % of the ingest's CPU.
            // Timed on the request's event loop (EventLoopTimer), not on a locked shared queue.
            return settled
                    .timeout(timeout, Mono.error(() -> {
                        abandoned.set(true);
                        return new TimeoutException("no acknowledgement within " + timeout.toMillis() + " ms");
                    }), EventLoopTimer.INSTANCE)
                    .doOnCancel(() -> abandoned.set(true))
                    .handle(Settled::emit);
        });
    }

    private <T> CompletableFuture<Settled<T>> settle(CompletableFuture<T> send, AtomicBoolean abandoned) {
        // A callback of its own: the settled future below is cancelled by the timeout, and a
        // cancelled future's own function never runs.
        send.whenComplete((value, error) -> {
            if (error != null && abandoned.get()) {
                counter.increment();
                summary.record(rootCause(error).toString());
            }
        });
        return send.handle(Settled::new);
    }

    /** Late failures since start (the counter's value). */
    public long total() {
        return (long) counter.count();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private record Settled<T>(T value, Throwable error) {
        void emit(SynchronousSink<T> sink) {
            if (error != null) {
                sink.error(error);
            } else if (value != null) {
                sink.next(value);
            }
        }
    }
}
