package io.alertline.processor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.processor.outcome.OutcomeDocument;
import tools.jackson.databind.json.JsonMapper;

/** Reads a whole topic from the beginning up to its current end, for assertions. */
public final class TopicReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public static List<OutcomeDocument> outcomes(String topicPrefix) {
        return readAll(topicPrefix + ".outcomes").stream()
                .map(r -> JSON.readValue(r.value(), OutcomeDocument.class)).toList();
    }

    /** One header's text, for asserting on the wire form; code reads records through {@code AlertEnvelope}. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        return AlertlineHeaders.text(record.headers(), name);
    }
}
