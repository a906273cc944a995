package io.alertline.processor.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import io.alertline.common.logging.FailureSummary;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.config.ProcessorProperties;
import io.alertline.processor.outcome.OutcomeLog;

/**
 * Two listener containers per category, each in its own consumer group: the category topic and
 * its retry topic. Separate containers and groups mean a 300 s recovery script on
 * {@code alerts.critical} never delays {@code alerts.warning}, not even through a rebalance, and
 * a record waiting out its backoff on a retry topic never holds up new alerts.
 *
 * <p>Offsets are committed only after the record's outcome (and any retry or dead-letter copy)
 * is acknowledged by Kafka. Before a newly assigned partition is processed, the outcome index
 * catches up to the outcome topic's end.
 */
public class CategoryListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CategoryListeners.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);
    /** Longest a waiting retry record pauses its partition before its due time is looked at again. */
    private static final Duration MAX_NACK = Duration.ofSeconds(5);
    /** Failed attempts at a record or batch, to be retried in place (one summary for all containers). */
    private static final FailureSummary PROCESSING_FAILURES = new FailureSummary(log,
            "processing failed, will retry in place", Duration.ofMinutes(1));

    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    public CategoryListeners(ConsumerFactory<String, byte[]> consumerFactory, TopicNames topics,
            ProcessorProperties properties, RecordPipeline processor, OutcomeLog outcomeLog) {
        ProcessorProperties.Consumer consumer = properties.consumer();
        for (Category category : Category.values()) {
            Properties overrides = new Properties();
            if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
                // Static membership: an instance restarted under the same PROCESSOR_INSTANCE_ID takes
                // its partitions straight back instead of waiting out the dead member's session.
                // Unique per group: each container is its own group, spring-kafka suffixes the
                // id per concurrent consumer.
                overrides.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId());
            }
            if (category == Category.CRITICAL) {
                // A recovery script runs on the consumer thread; the group must not evict us meanwhile.
                long bound = properties.recovery().timeout().plusMinutes(2).toMillis();
                overrides.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(Math.max(bound, 300_000)));
                overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            }
            // Critical records may each run a script of minutes: one at a time, so the poll interval
            // bound covers one script. Every other category is processed a whole poll at a time,
            // with one wait for Kafka's acks per poll.
            Object mainListener = category == Category.CRITICAL ? listener(processor, category, false)
                    : (BatchAcknowledgingMessageListener<String, byte[]>) (records, ack) -> {
                        processor.processAll(records, category);
                        ack.acknowledge();
                    };
            containers.add(container(consumerFactory, topics.category(category),
                    consumer.groupFor(category), consumer.concurrencyFor(category), overrides,
                    mainListener, topics.outcomes(), outcomeLog));
            containers.add(container(consumerFactory, topics.retry(category),
                    consumer.groupFor(category) + ".retry", 1, overrides,
                    listener(processor, category, true), topics.outcomes(), outcomeLog));
        }
    }

    private static AcknowledgingMessageListener<String, byte[]> listener(RecordPipeline processor,
            Category category, boolean retryTopic) {
        return (record, ack) -> {
            if (retryTopic) {
                Instant notBefore = AlertEnvelope.read(record.headers()).routing().notBefore();
                long wait = notBefore == null ? 0 : notBefore.toEpochMilli() - System.currentTimeMillis();
                if (wait > 0) {
                    ack.nack(Duration.ofMillis(Math.min(wait, MAX_NACK.toMillis())));
                    return;
                }
            }
            processor.process(record, category);
            ack.acknowledge();
        };
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(
            ConsumerFactory<String, byte[]> consumerFactory, String topic, String groupId, int concurrency,
            Properties overrides, Object listener, String outcomesTopic,
            OutcomeLog outcomeLog) {
        ContainerProperties props = new ContainerProperties(topic);
        props.setGroupId(groupId);
        props.setClientId(groupId);
        props.setAckMode(ContainerProperties.AckMode.MANUAL);
        props.setMessageListener(listener);
        props.setKafkaConsumerProperties(overrides);
        props.setShutdownTimeout(30_000);
        props.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (partitions.isEmpty()) {
                    return;
                }
                List<TopicPartition> outcomePartitions = consumer.partitionsFor(outcomesTopic).stream()
                        .map(p -> new TopicPartition(outcomesTopic, p.partition())).toList();
                Map<TopicPartition, Long> ends = consumer.endOffsets(outcomePartitions);
                try {
                    outcomeLog.awaitCaughtUp(ends, CATCH_UP_TIMEOUT);
                } catch (TimeoutException e) {
                    // Refusing the partitions would only move them to an instance in the same state.
                    log.error("outcome index did not catch up before {} was assigned {}: {}", groupId, partitions,
                            e.getMessage());
                }
            }
        });
        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumerFactory, props);
        container.setConcurrency(concurrency);
        container.setBeanName(groupId);
        container.setCommonErrorHandler(errorHandler());
        return container;
    }

    /**
     * Unexpected failures (Kafka refusing an outcome write, mostly) are retried in place with
     * backoff and no limit: committing past them would lose the alert. Poison records never get
     * here; the processor dead-letters them itself. During a broker outage that is one failure
     * per backoff per container, so spring-kafka's own per-failure line is turned down to DEBUG
     * and the failures are summarised once a minute instead.
     */
    private static DefaultErrorHandler errorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler((ConsumerRecord<?, ?> r, Exception e) ->
                log.error("giving up on {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString()), backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                PROCESSING_FAILURES.record(record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " (attempt " + deliveryAttempt + "): " + rootCause(ex));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                PROCESSING_FAILURES.record(records.count() + " records of " + records.partitions()
                        + " (attempt " + deliveryAttempt + "): " + rootCause(ex));
            }
        });
        return handler;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Partitions of a category topic this instance holds right now. */
    public int assignedPartitions(String topic) {
        return containers.stream()
                .filter(c -> List.of(c.getContainerProperties().getTopics()).contains(topic))
                .mapToInt(c -> c.getAssignedPartitions() == null ? 0 : c.getAssignedPartitions().size())
                .sum();
    }

    public boolean allRunning() {
        return running && containers.stream().allMatch(ConcurrentMessageListenerContainer::isRunning);
    }
}
