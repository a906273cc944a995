package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * A record whose copy Kafka refuses for good (too large for the target topic) is skipped and
 * listed, the rest of the replay goes on, the audit entry says what was really replayed, and
 * the answer is a 200, never a 500. A record at the body limit is copied: the replay's producer
 * is sized from the record budget, not Kafka's 1 MB default.
 */
class ReplayRefusedCopyTest {

    private static final String PREFIX = "replay-refused";
    private static final String TOKEN = "processor-api-token-replay-refused";
    private static final long MAX_BODY = 2L * 1024 * 1024;
    private static final int MAX_RECORD = RecordBudget.forMaxBody(MAX_BODY).maxRecordBytes();

    static ConfigurableApplicationContext processor;
    static Admin admin;
    static KafkaProducer<String, byte[]> producer;
    static final RecordSigner SIGNER = new RecordSigner(Apps.RECORD_SIGNING_KEY);

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of("NOTIFY_CATEGORIES", "", "PROCESSOR_API_TOKEN", TOKEN,
                "MAX_BODY_SIZE", MAX_BODY + "B"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    /**
     * The summary is random text: the replay producer compresses (lz4, as all the processor's
     * producers do), and a repeated character would shrink below any size limit.
     */
    private static String alert(String alertname, int summaryChars) {
        byte[] noise = new byte[summaryChars];
        new java.util.Random(summaryChars).nextBytes(noise);
        String summary = java.util.Base64.getEncoder().withoutPadding().encodeToString(noise).substring(0, summaryChars);
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\"},\"annotations\":{\"summary\":\"" + summary
                + "\"},\"startsAt\":\"2026-11-22T10:00:00Z\"}],\"groupKey\":\"" + alertname + "\"}";
    }

    /** Writes a record exactly as the ingest would (signed), of any size up to the budget. */
    private static ConsumerRecordId send(Category category, String alertname, int summaryChars) throws Exception {
        String requestId = UUID.randomUUID().toString();
        long receivedAt = System.currentTimeMillis();
        byte[] body = alert(alertname, summaryChars).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + "." + category.id(), null, alertname, body,
                SignedRecords.headers(requestId, receivedAt, category, SIGNER.sign(requestId, receivedAt, category.id(), body)));
        var metadata = producer.send(record).get(30, TimeUnit.SECONDS);
        return new ConsumerRecordId(requestId, metadata.topic(), metadata.partition(), metadata.offset());
    }

    record ConsumerRecordId(String requestId, String topic, int partition, long offset) {
    }

    private static void setMaxMessageBytes(String topic, int bytes) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.toString(bytes).equals(admin
                .describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()));
    }

    private static void awaitProcessed(String... alertnames) {
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.outcomes(PREFIX).stream()
                .filter(d -> OutcomeResult.PROCESSED.equals(d.result())).map(OutcomeDocument::alertname).toList()
                .containsAll(List.of(alertnames)));
    }

    @Test
    void aCopyKafkaRefusesIsSkippedAndListedAndTheRestIsReplayed() throws Exception {
        send(Category.AI, "Small1", 10);
        ConsumerRecordId big = send(Category.AI, "Big", 60_000);
        send(Category.AI, "Small2", 10);
        send(Category.AI, "Small3", 10);
        awaitProcessed("Small1", "Big", "Small2", "Small3");
        // The topic now takes less than the big record's copy: Kafka refuses it for good.
        setMaxMessageBytes(PREFIX + ".ai", 20_000);
        int before = TopicReader.readAll(PREFIX + ".ai").size();

        AdminHttp.Answer answer = AdminHttp.post(Apps.port(processor), "/replay",
                "{\"category\":\"ai\",\"force\":true,\"actor\":\"carol\"}", TOKEN);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("count").asInt()).as("the three small ones were replayed").isEqualTo(3);
        assertThat(report.get("records").valueStream().map(r -> r.get("alertnames").get(0).asString()).toList())
                .containsExactlyInAnyOrder("Small1", "Small2", "Small3");
        assertThat(report.get("skipped")).hasSize(1);
        JsonNode skipped = report.get("skipped").get(0);
        assertThat(skipped.get("topic").asString()).isEqualTo(big.topic());
        assertThat(skipped.get("partition").asInt()).isEqualTo(big.partition());
        assertThat(skipped.get("offset").asLong()).isEqualTo(big.offset());
        assertThat(skipped.get("request_id").asString()).isEqualTo(big.requestId());
        assertThat(skipped.get("reason").asString()).isEqualTo("record-too-large");
        assertThat(skipped.get("detail").asString()).isNotBlank();
        assertThat(TopicReader.readAll(PREFIX + ".ai")).hasSize(before + 3);

        JsonNode entry = AdminHttp.get(Apps.port(processor), "/audit?limit=1", TOKEN).json().get("entries").get(0);
        assertThat(entry.get("id").asString()).isEqualTo(report.get("id").asString());
        assertThat(entry.get("count").asInt()).isEqualTo(3);
        assertThat(entry.get("skipped").get(0).get("offset").asLong()).isEqualTo(big.offset());

        String metrics = AdminHttp.get(Apps.port(processor), "/actuator/prometheus", TOKEN).text();
        assertThat(metrics).containsPattern(
                "alertline_processor_replay_skipped_total\\{[^}]*operation=\"replay\"[^}]*reason=\"record-too-large\"[^}]*} 1\\.0");
    }

    @Test
    void aRecordAtTheBodyLimitIsCopied() throws Exception {
        // The category topic takes the whole budget (as the processor's topics should); the
        // replay producer must too, although the copy is larger than Kafka's 1 MB default.
        setMaxMessageBytes(PREFIX + ".database", MAX_RECORD);
        ConsumerRecordId nearLimit = send(Category.DATABASE, "NearLimit", (int) MAX_BODY - 1000);
        awaitProcessed("NearLimit");

        AdminHttp.Answer answer = AdminHttp.post(Apps.port(processor), "/replay",
                "{\"request_id\":\"" + nearLimit.requestId() + "\"}", TOKEN);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("count").asInt()).isEqualTo(1);
        assertThat(answer.json().path("skipped").isEmpty()).isTrue();
        List<ConsumerRecord<String, byte[]>> copies = TopicReader.readAll(PREFIX + ".database").stream()
                .filter(r -> TopicReader.header(r, AlertlineHeaders.REPLAY_ID) != null).toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).value().length).isGreaterThan(1024 * 1024);
    }
}
