package io.alertline.processor.health;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.alertline.processor.outcome.OutcomeLog;

/**
 * Actuator health {@code outcomeIndex} (readiness): UP once the in-memory outcome index has read
 * the outcome topic up to its end offsets as last sampled. Until then the processor cannot tell
 * a duplicate from new work, and {@code GET /alerts} would answer from a partial history.
 *
 * <p>The end offsets are sampled by {@link #sample} after each successful Kafka check (on the
 * check's thread), so the probe itself only compares numbers.
 */
public class OutcomeIndexHealthIndicator implements HealthIndicator {

    private static final long TIMEOUT_SECONDS = 5;

    private final OutcomeLog outcomeLog;
    private final String topic;
    private volatile Map<TopicPartition, Long> ends;
    private volatile Instant sampledAt;

    public OutcomeIndexHealthIndicator(OutcomeLog outcomeLog, String topic) {
        this.outcomeLog = outcomeLog;
        this.topic = topic;
    }

    /** Reads the outcome topic's end offsets now. */
    public void sample(Admin admin) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> sampled = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> sampled.put(tp, info.offset()));
            ends = Map.copyOf(sampled);
            sampledAt = Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Kafka being away is the kafka indicator's to report; keep the last sample.
        }
    }

    @Override
    public Health health() {
        Map<TopicPartition, Long> sampled = ends;
        if (sampled == null) {
            return Health.down().withDetail("outcome_index", "end offsets not sampled yet").build();
        }
        long behind = outcomeLog.behind(sampled);
        return (behind == 0 ? Health.up() : Health.down())
                .withDetail("behind", behind)
                .withDetail("sampled_at", sampledAt.toString())
                .build();
    }
}
