package io.alertline.ingest.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.alertline.common.topic.Category;

/**
 * The ingest's own settings; what it shares with the processor (topics, the body limit) is
 * {@link io.alertline.common.config.SharedKafkaSettings}. application.yml maps each one to the
 * environment variable operators use (README's configuration table) and holds its default: there
 * are none in here, so a setting missing from the yml fails start-up instead of running on a
 * second, forgotten default.
 */
@ConfigurationProperties("alertline.ingest")
public record IngestProperties(
        Auth auth,
        String recordSigningKey,
        int maxAlertsPerRequest,
        RateLimit rateLimit,
        Publish publish,
        Connection connection) {

    /** Sender authentication. Lists are comma-separated in the environment; several entries allow rotation. */
    public record Auth(
            List<String> webhookSecrets,
            List<String> bearerTokens,
            List<String> standardWebhooksSecrets,
            Duration timestampTolerance) {

        public Auth {
            webhookSecrets = clean(webhookSecrets);
            bearerTokens = clean(bearerTokens);
            standardWebhooksSecrets = clean(standardWebhooksSecrets);
        }
    }

    /**
     * Per-client-address budgets. {@code perEndpoint} overrides {@code perMinute} by category,
     * written as in the environment ({@code critical=60,warning=30}, see
     * {@link io.alertline.common.config.CategoryNumbersConverter}); X-Forwarded-For is honoured
     * only from {@code trustedProxies} (addresses or CIDR ranges).
     */
    public record RateLimit(
            int perMinute,
            Map<Category, Integer> perEndpoint,
            List<String> trustedProxies,
            int maxTrackedClients) {

        public RateLimit {
            perEndpoint = perEndpoint == null ? Map.of() : Map.copyOf(perEndpoint);
            trustedProxies = clean(trustedProxies);
        }

        /** Requests per minute for each category id. */
        public Map<String, Integer> limits() {
            Map<Category, Integer> limits = new EnumMap<>(Category.class);
            for (Category category : Category.values()) {
                limits.put(category, perEndpoint.getOrDefault(category, perMinute));
            }
            return limits.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    e -> e.getKey().id(), Map.Entry::getValue));
        }
    }

    /**
     * How long a connection may hold the ingest without making progress. {@code readTimeout}
     * bounds receiving a request's body once its headers are in (stalled or trickling senders
     * are cut off); {@code idleTimeout} closes a connection that sends nothing, before its first
     * request or between keep-alive requests.
     */
    public record Connection(Duration readTimeout, Duration idleTimeout) {

        public Connection {
            positive(readTimeout, "INGEST_READ_TIMEOUT");
            positive(idleTimeout, "INGEST_IDLE_TIMEOUT");
        }

        private static void positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive; got " + value);
            }
        }
    }

    /** How long a request waits for Kafka's ack, and the {@code Retry-After} of the 503 when it does not come. */
    public record Publish(Duration timeout, Duration unavailableRetryAfter) {
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
