package io.alertline.common.config;

import java.time.Duration;
import java.util.Objects;

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
 */
@ConfigurationProperties("alertline.kafka")
public record SharedKafkaSettings(
        String topicPrefix,
        int topicPartitions,
        short replicationFactor,
        Duration categoryRetention,
        DataSize maxBodySize) {

    public SharedKafkaSettings {
        Objects.requireNonNull(topicPrefix, "alertline.kafka.topic-prefix (KAFKA_TOPIC_PREFIX)");
        Objects.requireNonNull(categoryRetention, "alertline.kafka.category-retention (KAFKA_TOPIC_RETENTION_MS)");
        Objects.requireNonNull(maxBodySize, "alertline.kafka.max-body-size (MAX_BODY_SIZE)");
        if (topicPartitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("KAFKA_TOPIC_PARTITIONS and KAFKA_REPLICATION_FACTOR must be at least 1");
        }
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
