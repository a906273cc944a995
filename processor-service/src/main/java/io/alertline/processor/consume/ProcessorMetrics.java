package io.alertline.processor.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.alertline.common.topic.Category;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.outcome.OutcomeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The processor's own meters (consumer lag per category is {@code health.CategoryProgressMetrics}).
 * Every tag value comes from a bounded set (categories, channels, results, reasons, the recovery
 * allow-list), never from alert content: a sender must not be able to grow the registry.
 *
 * <p>Every series of those sets is registered at zero when this is built, so an alert on
 * {@code increase(x[15m]) > 0} sees the first dead letter or failed recovery after a start,
 * not only the second one.
 */
public class ProcessorMetrics {

    /** The service tag of a recovery request for a service outside the allow-list (or none at all). */
    static final String OTHER_SERVICE = "other";
    /** The results an alert's outcome can be counted with ({@code in_progress} and {@code uncopyable} are not counted here). */
    static final List<OutcomeResult> RESULTS = List.of(OutcomeResult.PROCESSED, OutcomeResult.RETRYING,
            OutcomeResult.DEAD_LETTERED, OutcomeResult.DUPLICATE, OutcomeResult.REJECTED);
    /** {@code interrupted}: a run found started by a processor that stopped before finishing it; not started again. */
    static final List<String> RECOVERY_RESULTS = List.of("success", "failure", "skipped", "interrupted");

    private final Meter.MeterProvider<Counter> processed;
    private final Meter.MeterProvider<Counter> duplicates;
    private final Meter.MeterProvider<Counter> deadLettered;
    private final Meter.MeterProvider<Counter> notifications;
    private final Meter.MeterProvider<Counter> templateFallbacks;
    private final Meter.MeterProvider<Counter> uncopyable;
    private final Meter.MeterProvider<Timer> recoveryRuns;
    private final Timer endToEnd;
    private final Set<String> recoveryServices;

    /**
     * @param recoveryServices the recovery allow-list: each is a {@code service} tag value, every other service is {@code other}
     * @param channels the notifiers' channel names
     */
    public ProcessorMetrics(MeterRegistry registry, Set<String> recoveryServices, Collection<String> channels) {
        this.recoveryServices = Set.copyOf(recoveryServices);
        processed = Counter.builder("alertline.processor.alerts").description("Alerts processed by category and result")
                .withRegistry(registry);
        duplicates = Counter.builder("alertline.processor.duplicates")
                .description("Alerts skipped because the same alert was already finished").withRegistry(registry);
        deadLettered = Counter.builder("alertline.processor.dead.lettered")
                .description("Records sent to a dead-letter topic, by category and reason").withRegistry(registry);
        notifications = Counter.builder("alertline.processor.notifications")
                .description("Notification messages sent (one per group and target) by channel and result")
                .withRegistry(registry);
        templateFallbacks = Counter.builder("alertline.processor.template.fallbacks")
                .description("Messages rendered with the built-in template because a custom one failed, by channel")
                .withRegistry(registry);
        uncopyable = Counter.builder("alertline.processor.uncopyable")
                .description("Records whose retry or dead-letter copy Kafka refused for good; skipped with an outcome")
                .withRegistry(registry);
        recoveryRuns = Timer.builder("alertline.processor.recovery.runs")
                .description("Recovery script runs by service and result").withRegistry(registry);
        endToEnd = Timer.builder("alertline.processor.end.to.end")
                .description("From the ingest's received-at to the outcome written")
                .publishPercentileHistogram().register(registry);
        registerAll(channels);
    }

    private void registerAll(Collection<String> channels) {
        for (Category category : Category.values()) {
            RESULTS.forEach(result -> processedCounter(category, result.id()));
            duplicateCounter(category);
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                deadLetteredCounter(category, reason.id());
            }
        }
        for (String channel : channels) {
            templateFallbacks.withTags(Tags.of("channel", channel));
            for (Delivery.Result result : Delivery.Result.values()) {
                notificationCounter(channel, tag(result));
            }
        }
        for (String result : RECOVERY_RESULTS) {
            recoveryServices.forEach(service -> recoveryTimer(service, result));
            recoveryTimer(OTHER_SERVICE, result);
        }
    }

    /** Registers every uncopyable series; the copy kinds and refusal reasons are {@link CopyFailurePolicy}'s. */
    void registerUncopyable(Collection<String> copies, Collection<String> reasons) {
        for (Category category : Category.values()) {
            for (String copy : copies) {
                reasons.forEach(reason -> uncopyableCounter(category, copy, reason));
            }
        }
    }

    /** The result tag of a notification attempt; also the outcome's attempt result. */
    static String tag(Delivery.Result result) {
        return result.name().toLowerCase(Locale.ROOT);
    }

    void processed(Category category, OutcomeResult result) {
        processedCounter(category, result.id()).increment();
    }

    void duplicate(Category category) {
        duplicateCounter(category).increment();
    }

    void deadLettered(Category category, DeadLetterReason reason) {
        deadLetteredCounter(category, reason.id()).increment();
    }

    void uncopyable(Category category, String copy, String reason) {
        uncopyableCounter(category, copy, reason).increment();
    }

    /** A custom template failed for a message of {@code channel}; the built-in one was used. */
    public void templateFallback(String channel) {
        templateFallbacks.withTags(Tags.of("channel", channel)).increment();
    }

    void notification(String channel, String result) {
        notificationCounter(channel, result).increment();
    }

    void recovery(String service, String result, Duration duration) {
        String tag = service != null && recoveryServices.contains(service) ? service : OTHER_SERVICE;
        recoveryTimer(tag, result).record(duration);
    }

    void endToEnd(long receivedAtMillis, long nowMillis) {
        if (receivedAtMillis > 0 && nowMillis >= receivedAtMillis) {
            endToEnd.record(Duration.ofMillis(nowMillis - receivedAtMillis));
        }
    }

    private Counter processedCounter(Category category, String result) {
        return processed.withTags(Tags.of("category", category.id(), "result", result));
    }

    private Counter duplicateCounter(Category category) {
        return duplicates.withTags(Tags.of("category", category.id()));
    }

    private Counter deadLetteredCounter(Category category, String reason) {
        return deadLettered.withTags(Tags.of("category", category.id(), "reason", reason));
    }

    private Counter uncopyableCounter(Category category, String copy, String reason) {
        return uncopyable.withTags(Tags.of("category", category.id(), "copy", copy, "reason", reason));
    }

    private Counter notificationCounter(String channel, String result) {
        return notifications.withTags(Tags.of("channel", channel, "result", result));
    }

    private Timer recoveryTimer(String service, String result) {
        return recoveryRuns.withTags(Tags.of("service", service, "result", result));
    }
}
