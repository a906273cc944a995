package io.alertline.processor.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * Every log event the JVM writes while open (an appender on the root logger, so exactly what
 * the configured levels let through, from every thread). For tests that count log lines or
 * look for a secret in them. Attach it after the services started: Spring Boot resets logging
 * when one starts.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private LogLines() {
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    public static LogLines capture() {
        return new LogLines();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    public List<ILoggingEvent> matching(Predicate<ILoggingEvent> filter) {
        return events.stream().filter(filter).toList();
    }

    /** Each event as text: level, logger, message and its stack trace, if any. */
    public List<String> lines() {
        return events.stream().map(LogLines::text).toList();
    }

    /** One line per event, for assertion messages. */
    public static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ")
                .append(e.getFormattedMessage()).append('\n'));
        return text.toString();
    }

    private static String text(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        return line;
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
