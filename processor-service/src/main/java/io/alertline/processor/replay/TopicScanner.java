package io.alertline.processor.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic range with a standalone consumer (no group, nothing committed), from the first
 * offset at or after {@code from} up to the end offsets as they were when the scan started, so
 * records appended meanwhile (including a replay's own) are never picked up.
 */
public class TopicScanner {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final Map<String, Object> kafka;

    /** @param consumerConfig the processor's consumer settings (security included); group and commits are turned off here */
    public TopicScanner(Map<String, Object> consumerConfig) {
        this.kafka = consumerConfig;
    }

    public List<ConsumerRecord<String, byte[]>> scan(String topic, ScanRange range, RecordFilter filter, int limit) {
        return scan(topic, range, filter::matches, limit);
    }

    /** The first {@code limit} records of the range that {@code wanted} accepts. */
    public List<ConsumerRecord<String, byte[]>> scan(String topic, ScanRange range,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int limit) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<String, byte[]>> matches = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .filter(p -> range.partition() == null || p.partition() == range.partition())
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seekToStart(consumer, partitions, range, end);
            Instant deadline = Instant.now().plus(DEADLINE);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("scan of " + topic + " did not finish within " + DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue;
                    }
                    if (range.contains(record.partition(), record.offset(), record.timestamp()) && wanted.test(record)) {
                        matches.add(record);
                        if (matches.size() >= limit) {
                            return matches;
                        }
                    }
                }
            }
        }
        return matches;
    }

    private static void seekToStart(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
            ScanRange range, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> byTime = new HashMap<>();
        if (range.from() != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, range.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp ot = found.get(tp);
                byTime.put(tp, ot == null ? end.get(tp) : ot.offset());
            }
        }
        consumer.seekToBeginning(partitions);
        for (TopicPartition tp : partitions) {
            long start = Math.max(byTime.getOrDefault(tp, 0L), range.fromOffset() == null ? 0L : range.fromOffset());
            if (start > 0) {
                consumer.seek(tp, Math.min(start, end.get(tp)));
            }
        }
    }
}
