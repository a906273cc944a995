package io.alertline.processor.consume;

import java.time.Duration;
import java.util.Set;

import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The processor's own meters. Consumer lag comes from the Kafka client metrics Boot binds.
 * Every tag value comes from a bounded set (categories, channels, results, reasons, the recovery
 * allow-list), never from alert content: a sender must not be able to grow the registry.
 */
public class ProcessorMetrics {

    /** The service tag of a recovery request for a service outside the allow-list (or none at all). */
    static final String OTHER_SERVICE = "other";

    private final Meter.MeterProvider<Counter> processed;
    private final Meter.MeterProvider<Counter> duplicates;
    private final Meter.MeterProvider<Counter> deadLettered;
    private final Meter.MeterProvider<Counter> notifications;
    private final Meter.MeterProvider<Counter> uncopyable;
    private final Meter.MeterProvider<Timer> recoveryRuns;
    private final Timer endToEnd;
    private final Set<String> recoveryServices;

    public ProcessorMetrics(MeterRegistry registry, Set<String> recoveryServices) {
        this.recoveryServices = Set.copyOf(recoveryServices);
        processed = Counter.builder("alertline.processor.alerts").description("Alerts processed by category and result")
                .withRegistry(registry);
        duplicates = Counter.builder("alertline.processor.duplicates")
                .description("Alerts skipped because the same alert was already finished").withRegistry(registry);
        deadLettered = Counter.builder("alertline.processor.dead.lettered")
                .description("Records sent to a dead-letter topic, by category and reason").withRegistry(registry);
        notifications = Counter.builder("alertline.processor.notifications")
                .description("Notification attempts by channel and result").withRegistry(registry);
        uncopyable = Counter.builder("alertline.processor.uncopyable")
                .description("Records whose retry or dead-letter copy Kafka refused for good; skipped with an outcome")
                .withRegistry(registry);
        recoveryRuns = Timer.builder("alertline.processor.recovery.runs")
                .description("Recovery script runs by service and result").withRegistry(registry);
        endToEnd = Timer.builder("alertline.processor.end.to.end")
                .description("From the ingest's received-at to the outcome written")
                .publishPercentileHistogram().register(registry);
    }

    void processed(Category category, String result) {
        processed.withTags(Tags.of("category", category.id(), "result", result)).increment();
    }

    void duplicate(Category category) {
        duplicates.withTags(Tags.of("category", category.id())).increment();
    }

    void deadLettered(Category category, String reason) {
        deadLettered.withTags(Tags.of("category", category.id(), "reason", reason)).increment();
    }

    void uncopyable(Category category, String copy, String reason) {
        uncopyable.withTags(Tags.of("category", category.id(), "copy", copy, "reason", reason)).increment();
    }

    void notification(String channel, String result) {
        notifications.withTags(Tags.of("channel", channel, "result", result)).increment();
    }

    void recovery(String service, String result, Duration duration) {
        String tag = service != null && recoveryServices.contains(service) ? service : OTHER_SERVICE;
        recoveryRuns.withTags(Tags.of("service", tag, "result", result)).record(duration);
    }

    void endToEnd(long receivedAtMillis, long nowMillis) {
        if (receivedAtMillis > 0 && nowMillis >= receivedAtMillis) {
            endToEnd.record(Duration.ofMillis(nowMillis - receivedAtMillis));
        }
    }
}
