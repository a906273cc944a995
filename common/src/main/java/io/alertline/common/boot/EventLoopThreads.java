package io.alertline.common.boot;

/**
 * Sizes Reactor Netty's event loops to the CPUs the JVM may use, where Reactor Netty's own
 * default is at least 4. On the 2-CPU machines and containers this service is sized for, 4 loops
 * plus the Kafka producer's I/O thread take turns on 2 CPUs; 2 loops did about 12 % more
 * requests per second at saturation, for the ingest and for the benchmark's ceilings alike
 * (docs/PERFORMANCE.md). An explicit {@code -Dreactor.netty.ioWorkerCount} is left as it is.
 */
public final class EventLoopThreads {

    /** Reactor Netty's system property (LoopResources.DEFAULT_IO_WORKER_COUNT), read once when its loops are first made. */
    public static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    private EventLoopThreads() {
    }

    /** To be called first thing in {@code main}, before anything touches Reactor Netty. */
    public static void matchAvailableProcessors() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
