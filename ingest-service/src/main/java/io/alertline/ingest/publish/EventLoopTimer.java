package io.alertline.ingest.publish;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timer of the publish timeout: a delay is scheduled on the Netty event loop that asks for it
 * (the request's own, where the publish starts), other threads fall back to Reactor's parallel
 * scheduler. Why not that scheduler for all: every request schedules a timeout and nearly every one
 * is cancelled a few milliseconds later from the producer's thread; on the parallel scheduler that
 * is a locked queue shared by both threads, whose lock hand-offs and wake-ups were 1.1 % of the
 * ingest's CPU at saturation (docs/PERFORMANCE.md). An event loop schedules from its own thread
 * without a lock, and a cancellation from another thread is queued for the loop without waking it.
 */
final class EventLoopTimer implements Scheduler {

    static final EventLoopTimer INSTANCE = new EventLoopTimer();

    private final Scheduler fallback = Schedulers.parallel();

    private EventLoopTimer() {
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null || loop.isShuttingDown()) {
            return fallback.schedule(task, delay, unit);
        }
        return new Cancellable(loop.schedule(task, delay, unit));
    }

    @Override
    public Disposable schedule(Runnable task) {
        return fallback.schedule(task);
    }

    @Override
    public Worker createWorker() {
        return fallback.createWorker();
    }

    /** Never disposes the shared parallel scheduler it falls back to. */
    @Override
    public void dispose() {
    }

    private record Cancellable(ScheduledFuture<?> future) implements Disposable {
        @Override
        public void dispose() {
            future.cancel(false);
        }

        @Override
        public boolean isDisposed() {
            return future.isDone();
        }
    }
}
