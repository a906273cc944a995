package io.alertline.ingest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Every log event of the running JVM while open (an appender on the root logger), with one
 * logger optionally turned up to DEBUG; restores that level when closed. Safe to read while the
 * server logs from its own threads.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final String LEAK_DETECTOR = "io.netty.util.ResourceLeakDetector";

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger debugged;
    private final Level previousLevel;

    private LogCapture(Class<?> debugLogger) {
        this.debugged = debugLogger == null ? null : (Logger) LoggerFactory.getLogger(debugLogger);
        this.previousLevel = debugged == null ? null : debugged.getLevel();
        if (debugged != null) {
            debugged.setLevel(Level.DEBUG);
        }
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    /** Captures everything logged from now on, with {@code debugLogger}'s DEBUG events included. */
    public static LogCapture withDebug(Class<?> debugLogger) {
        return new LogCapture(debugLogger);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (LEAK_DETECTOR.equals(event.getLoggerName())) {
            // Netty reports a leaked buffer when the GC finds it, at ERROR, on whatever thread allocates
            // next, so in a shared JVM it lands in an unrelated test's window. Every report seen (CI once;
            // 43 with -Dio.netty.leakDetection.level=paranoid) was an HTTP client's response buffer of
            // the tests (HttpClientCodec), never the server's: not what a test of our logging asserts on.
            return;
        }
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Events at {@code level} or above. */
    public List<ILoggingEvent> atLeast(Level level) {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    /** Events of the given logger. */
    public List<ILoggingEvent> from(Class<?> logger) {
        return events.stream().filter(e -> e.getLoggerName().equals(logger.getName())).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
        if (debugged != null) {
            debugged.setLevel(previousLevel);
        }
    }
}
