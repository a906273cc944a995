package io.alertline.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.topic.TopicNames;

/**
 * The settings both services must agree on, in one shape, bound by Boot from the same variables
 * in each ({@code alertline.kafka.*} in application.yml and processor.yml, which hold the
 * defaults): topic names, how category topics are created, and the body limit every record size
 * derives from.
 *
 * @param topicPrefix       {@code KAFKA_TOPIC_PREFIX}: topics are {@code <prefix>.<category>} etc.
 * @param topicPartitions   {@code KAFKA_TOPIC_PARTITIONS}, of every topic created at start-up
 * @param replicationFactor {@code KAFKA_REPLICATION_FACTOR}, of every topic created at start-up
 * @param categoryRetention {@code KAFKA_TOPIC_RETENTION_MS} (a plain number is milliseconds, as the
 *                          name says; {@code 90d} works too; {@code -1} keeps records forever)
 * @param maxBodySize       {@code MAX_BODY_SIZE}, the one size budget ({@link RecordBudget})
 * @param minInsyncReplicas {@code KAFKA_MIN_INSYNC_REPLICAS}, set on every topic created at start-up;
 *                          empty: 2 from a replication factor of 3 up (one broker may die without
 *                          refusing writes, and an acked record is then on two), 1 at a factor of 2,
 *                          and at a factor of 1 not set at all (the broker's own setting stays)
 */
@ConfigurationProperties("alertline.kafka")
public record SharedKafkaSettings(
        String topicPrefix,
        int topicPartitions,
        short replicationFactor,
        Duration categoryRetention,
        DataSize maxBodySize,
        Integer minInsyncReplicas) {

    public SharedKafkaSettings {
        Objects.requireNonNull(topicPrefix, "alertline.kafka.topic-prefix (KAFKA_TOPIC_PREFIX)");
        Objects.requireNonNull(categoryRetention, "alertline.kafka.category-retention (KAFKA_TOPIC_RETENTION_MS)");
        Objects.requireNonNull(maxBodySize, "alertline.kafka.max-body-size (MAX_BODY_SIZE)");
        if (topicPartitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("KAFKA_TOPIC_PARTITIONS and KAFKA_REPLICATION_FACTOR must be at least 1");
        }
        if (minInsyncReplicas != null && (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor)) {
            // More than the replicas there are would refuse every acks=all write.
            throw new IllegalArgumentException("KAFKA_MIN_INSYNC_REPLICAS must be between 1 and KAFKA_REPLICATION_FACTOR ("
                    + replicationFactor + "), was " + minInsyncReplicas);
        }
    }

    /**
     * The durability configs of every topic the services create: {@code min.insync.replicas}
     * when configured or derived (see the parameter), nothing at a replication factor of 1 unless
     * configured, so a single broker's (or a user's own cluster's) setting is not overridden.
     */
    public Map<String, String> durabilityConfigs() {
        Integer minIsr = minInsyncReplicas != null ? minInsyncReplicas
                : replicationFactor >= 3 ? Integer.valueOf(2) : replicationFactor == 2 ? Integer.valueOf(1) : null;
        return minIsr == null ? Map.of() : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr.toString());
    }

    public TopicNames topicNames() {
        return new TopicNames(topicPrefix);
    }

    /** The one size budget every record limit derives from: body, producer request, topic. */
    public RecordBudget recordBudget() {
        return RecordBudget.forMaxBody(maxBodySize.toBytes());
    }

    /** A retention as the {@code retention.ms} topic config wants it ({@code -1}: forever). */
    public static String retentionMs(Duration retention) {
        return Long.toString(retention.isNegative() ? -1 : retention.toMillis());
    }
}
