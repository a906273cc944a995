package io.alertline.processor.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.alertline.common.topic.Category;
import io.alertline.processor.recovery.RecoverySettings;

/**
 * The processor's own settings; what it shares with the ingest (topics, the body limit) is
 * {@link io.alertline.common.config.SharedKafkaSettings}. processor.yml maps each one to the
 * environment variable operators use (README's configuration table) and holds its default: there
 * are none in here, so a setting missing from the yml fails start-up instead of running on a
 * second, forgotten default.
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
        RecoverySettings recovery,
        Api api,
        Duration categoryStuckAfter) {

    /**
     * How long a category may go without committed progress while records wait before health
     * calls it stuck. Critical gets at least one recovery script's run plus the same two minutes
     * of slack its consumer's poll interval has: its records legitimately take that long each.
     */
    public Duration stuckAfter(Category category) {
        if (category == Category.CRITICAL) {
            Duration oneScript = recovery.timeout().plusMinutes(2);
            return categoryStuckAfter.compareTo(oneScript) >= 0 ? categoryStuckAfter : oneScript;
        }
        return categoryStuckAfter;
    }

    /**
     * Consumer groups are {@code <groupId>.<category>}: one per category, so a slow category never
     * stalls another's rebalance. {@code concurrencyPerCategory} overrides {@code concurrency},
     * written as in the environment ({@code warning=3}).
     */
    public record Consumer(String groupId, int concurrency, Map<Category, Integer> concurrencyPerCategory) {

        public Consumer {
            concurrencyPerCategory = concurrencyPerCategory == null ? Map.of() : Map.copyOf(concurrencyPerCategory);
        }

        /** The group consuming the category topic (its retry topic's group adds {@code .retry}). */
        public String groupFor(Category category) {
            return groupId + "." + category.id();
        }

        public int concurrencyFor(Category category) {
            return concurrencyPerCategory.getOrDefault(category, concurrency);
        }
    }

    /** Retention of the topics only the processor writes ({@code -1}: forever); a plain number is milliseconds. */
    public record Topics(Duration retryRetention, Duration deadLetterRetention, Duration outcomesRetention,
            Duration auditRetention) {
    }

    /** Non-blocking retries through {@code alerts.<category>.retry}: attempt n waits initial × multiplier^(n-1), capped. */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

        public Duration backoffBefore(int attempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }

    public record Notify(
            Set<Category> categories,
            String discordWebhookUrl,
            String slackWebhookUrl,
            String telegramBotToken,
            String telegramChatId,
            String telegramApiUrl,
            Duration timeout,
            String routesFile,
            String slackTemplate,
            String discordTemplate,
            String telegramTemplate) {

        public Notify {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
        }
    }

    /**
     * The HTTP API; {@code token} empty = open (local runs), else {@code Authorization: Bearer <token>}
     * for everything but health. {@code metricsToken}, if set, reads the metrics endpoints only
     * (for Prometheus scrapers, whose configuration should not hold a token that can replay).
     */
    public record Api(String token, String metricsToken, int historySize) {
    }
}
