package io.alertline.processor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.alertline.common.record.RecordBudget;

import io.alertline.common.topic.Category;

/**
 * Every setting of the processor service. application.yml maps each one to the environment
 * variable operators use (README's configuration table).
 */
@ConfigurationProperties("alertline.processor")
public record ProcessorProperties(
        String recordSigningKey,
        String instanceId,
        Consumer consumer,
        Topics topics,
        Duration dedupWindow,
        long indexMaxEntries,
        Retry retry,
        Notify notifications,
        Recovery recovery,
        Api api,
        DataSize maxBodySize,
        Duration categoryStuckAfter) {

    /** The record size budget, from the same {@code MAX_BODY_SIZE} the ingest enforces. */
    public RecordBudget recordBudget() {
        return RecordBudget.forMaxBody(maxBodySize == null ? DataSize.ofMegabytes(1).toBytes() : maxBodySize.toBytes());
    }

    /**
     * How long a category may go without committed progress while records wait before health
     * calls it stuck. Critical gets at least one recovery script's run plus the same two minutes
     * of slack its consumer's poll interval has: its records legitimately take that long each.
     */
    public Duration stuckAfter(Category category) {
        Duration after = categoryStuckAfter == null ? Duration.ofMinutes(5) : categoryStuckAfter;
        if (category == Category.CRITICAL) {
            Duration oneScript = recovery.timeout().plusMinutes(2);
            return after.compareTo(oneScript) >= 0 ? after : oneScript;
        }
        return after;
    }

    /** Consumer groups are {@code <groupId>.<category>}: one per category, so a slow category never stalls another's rebalance. */
    public record Consumer(String groupId, int concurrency, String concurrencyPerCategory) {

        /** The group consuming the category topic (its retry topic's group adds {@code .retry}). */
        public String groupFor(Category category) {
            return groupId + "." + category.id();
        }

        public int concurrencyFor(Category category) {
            return parseOverrides(concurrencyPerCategory, "PROCESSOR_CONCURRENCY_PER_CATEGORY")
                    .getOrDefault(category, concurrency);
        }
    }

    public record Topics(String prefix, int partitions, short replicationFactor, String categoryRetention,
            String retryRetention, String deadLetterRetention, String outcomesRetention, String auditRetention) {
    }

    /** Non-blocking retries through {@code alerts.<category>.retry}: attempt n waits initial × multiplier^(n-1), capped. */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

        public Duration backoffBefore(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    public record Notify(
            String categories,
            String discordWebhookUrl,
            String slackWebhookUrl,
            String telegramBotToken,
            String telegramChatId,
            String telegramApiUrl,
            Duration timeout) {

        public Set<Category> notifyingCategories() {
            if (categories == null || categories.isBlank()) {
                return EnumSet.noneOf(Category.class);
            }
            return Arrays.stream(categories.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Category::fromId).collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
        }

        /** Values that must never reach a log line, an error message or a recovery script. */
        public List<String> secrets() {
            return java.util.stream.Stream.of(discordWebhookUrl, slackWebhookUrl, telegramBotToken)
                    .filter(s -> s != null && !s.isBlank()).toList();
        }
    }

    public record Recovery(Path dir, String allowedServices, Duration timeout, Duration cooldown, int maxOutputBytes) {

        public Set<String> allowed() {
            return Arrays.stream(allowedServices == null ? new String[0] : allowedServices.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * The HTTP API; {@code token} empty = open (local runs), else {@code Authorization: Bearer <token>}
     * for everything but health. {@code metricsToken}, if set, reads the metrics endpoints only
     * (for Prometheus scrapers, whose configuration should not hold a token that can replay).
     */
    public record Api(String token, String metricsToken, int historySize) {
    }

    static Map<Category, Integer> parseOverrides(String spec, String variable) {
        Map<Category, Integer> map = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return map;
        }
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(variable + " entries look like critical=2; got: " + entry.trim());
            }
            map.put(Category.fromId(kv[0].trim()), Integer.parseInt(kv[1].trim()));
        }
        return map;
    }
}
