package io.alertline.processor.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log tail fills the index from a real topic, and at start reads only the newest outcomes the
 * bounded index can hold: a restart after a million outcomes must not decode them all.
 */
class OutcomeLogTest {

    private static final String TOPIC = "outcome-log-tail.outcomes";
    private static final OutcomeCodec CODEC = new OutcomeCodec(JsonMapper.builder().build());

    private static OutcomeDocument outcome(int i) {
        AlertSubject s = new AlertSubject("key-" + i, "req-" + i, Category.WARNING, "A" + i, "fp" + i, "firing",
                "2026-11-22T10:00:00Z", Instant.now(), 1, null, null);
        return OutcomeDocument.acted(s, OutcomeResult.PROCESSED, ActionResults.NONE, Instant.now(), "test");
    }

    @Test
    void atStartOnlyTheNewestOutcomesTheIndexCanHoldAreReadAndNothingNewerIsMissed() throws Exception {
        String servers = SharedKafkaBroker.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 400; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 2, "key-" + i, CODEC.encode(outcome(i))));
            }
            producer.flush();
        }
        OutcomeIndex index = new OutcomeIndex(1000, Duration.ofHours(1), 40, Clock.systemUTC());
        OutcomeLog log = new OutcomeLog(() -> new KafkaConsumer<>(consumerProperties(servers), new StringDeserializer(),
                new ByteArrayDeserializer()), TOPIC, CODEC, index, 40);
        io.alertline.processor.health.OutcomeIndexHealthIndicator health =
                new io.alertline.processor.health.OutcomeIndexHealthIndicator(log);
        assertThat(log.behind()).as("nothing fetched yet").isEqualTo(-1);
        assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
        log.start();
        try {
            Map<TopicPartition, Long> end = Map.of(new TopicPartition(TOPIC, 0), 200L, new TopicPartition(TOPIC, 1), 200L);
            log.awaitCaughtUp(end, Duration.ofSeconds(30));

            // 40 entries + a quarter = 50 read, 25 per partition: exactly the newest 50
            assertThat(index.recent(1000)).extracting(OutcomeDocument::key).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(350, 400).mapToObj(i -> "key-" + i).toList());
            assertThat(index.size()).isPositive().isLessThanOrEqualTo(40);
            // readiness follows the tail's own fetches, no admin call of its own
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(health.health().getStatus().getCode()).isEqualTo("UP"));
        } finally {
            log.stop();
        }
    }

    private static Properties consumerProperties(String servers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }
}
