package io.alertline.ingest.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.topic.Category;

/**
 * Every setting of the ingest service. application.yml maps each one to the environment
 * variable operators use (README's configuration table).
 */
@ConfigurationProperties("alertline.ingest")
public record IngestProperties(
        Auth auth,
        String recordSigningKey,
        DataSize maxBodySize,
        int maxAlertsPerRequest,
        RateLimit rateLimit,
        Kafka kafka,
        Connection connection) {

    public IngestProperties {
        connection = connection == null ? new Connection(null, null) : connection;
    }

    /** The one size budget every limit of the ingest derives from: body, producer request, topic. */
    public RecordBudget recordBudget() {
        return RecordBudget.forMaxBody(maxBodySize.toBytes());
    }

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
            timestampTolerance = timestampTolerance == null ? Duration.ofMinutes(5) : timestampTolerance;
        }
    }

    /**
     * Per-client-address budgets. {@code perEndpoint} overrides {@code perMinute} by category id,
     * written as in the environment ({@code critical=60,warning=30}); X-Forwarded-For is honoured
     * only from {@code trustedProxies} (addresses or CIDR ranges).
     */
    public record RateLimit(
            int perMinute,
            String perEndpoint,
            List<String> trustedProxies,
            int maxTrackedClients) {

        public RateLimit {
            trustedProxies = clean(trustedProxies);
        }

        /** Requests per minute for each category id, parsed once at start-up. */
        public Map<String, Integer> limits() {
            Map<String, Integer> limits = new HashMap<>();
            for (Category category : Category.values()) {
                limits.put(category.id(), perMinute);
            }
            if (perEndpoint != null) {
                for (String entry : perEndpoint.split(",")) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    String[] kv = entry.split("=", 2);
                    String id = kv[0].trim();
                    if (kv.length != 2 || !limits.containsKey(id)) {
                        throw new IllegalArgumentException(
                                "RATE_LIMIT_PER_ENDPOINT entries look like critical=60; got: " + entry.trim());
                    }
                    limits.put(id, Integer.parseInt(kv[1].trim()));
                }
            }
            return Map.copyOf(limits);
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
            readTimeout = positive(readTimeout, Duration.ofSeconds(10), "INGEST_READ_TIMEOUT");
            idleTimeout = positive(idleTimeout, Duration.ofSeconds(60), "INGEST_IDLE_TIMEOUT");
        }

        private static Duration positive(Duration value, Duration fallback, String name) {
            if (value == null) {
                return fallback;
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive; got " + value);
            }
            return value;
        }
    }

    /** Where and how records are written. */
    public record Kafka(
            String topicPrefix,
            int topicPartitions,
            short topicReplicationFactor,
            String topicRetentionMs,
            Duration publishTimeout,
            Duration unavailableRetryAfter) {
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
