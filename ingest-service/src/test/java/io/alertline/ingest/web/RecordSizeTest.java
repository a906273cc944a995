package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.ingest.publish.AlertRecord;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.RecordReader;
import io.alertline.ingest.support.TestCredentials;
import io.alertline.ingest.support.TopicOffsets;
import tools.jackson.databind.JsonNode;

/**
 * The real default MAX_BODY_SIZE (1 MiB), so Kafka's own ~1 MiB defaults are in play: a body of
 * exactly the limit with the longest sender headers the ingest allows is accepted and stored
 * with every header (before: 503 'Kafka unavailable' forever, RecordTooLargeException), on a
 * topic that already existed without a size setting. Its own topic prefix, because it alters
 * topic configurations. The HTTP header limit is raised, as an operator might, to show the
 * ingest's own bound on copied headers holds regardless.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET,
        "STANDARD_WEBHOOKS_SECRET=" + TestCredentials.STANDARD_WEBHOOKS_SECRET,
        "RECORD_SIGNING_KEY=" + TestCredentials.RECORD_SIGNING_KEY,
        "TRUSTED_PROXIES=127.0.0.1",
        "KAFKA_TOPIC_PREFIX=" + RecordSizeTest.PREFIX,
        "server.max-http-request-header-size=64KB",
})
@AutoConfigureWebTestClient(timeout = "30s")
class RecordSizeTest {

    static final String PREFIX = "sizing";
    private static final int MAX_BODY = 1024 * 1024;
    private static final int BUDGET = RecordBudget.forMaxBody(MAX_BODY).maxRecordBytes();
    private static final SecureRandom RANDOM = new SecureRandom();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        // an existing topic from before the fix: broker default size limit, about 1 MiB
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic(Category.CRITICAL), 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            // Until the broker's metadata shows it, the service's KafkaAdmin would take the topic for
            // missing, try to create it, get "already exists" and leave its config alone (seen under load).
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeTopics(List.of(topic(Category.CRITICAL))).allTopicNames()
                            .get(5, TimeUnit.SECONDS).get(topic(Category.CRITICAL)).partitions().size() == 3);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrap);
    }

    @Autowired
    WebTestClient client;

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static String topic(Category category) {
        return PREFIX + "." + category.id();
    }

    /** A valid alert body of exactly {@code size} bytes that lz4 cannot shrink (random base64url text). */
    static byte[] incompressibleBody(int size) {
        String head = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Big\"},\"annotations\":{\"blob\":\"";
        String tail = "\"}}]}";
        byte[] body = new byte[size];
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[size];
        RANDOM.nextBytes(random);
        for (int i = 0; i < size; i++) {
            body[i] = alphabet[random[i] & 63];
        }
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, body, size - tail.length(), tail.length());
        return body;
    }

    private WebTestClient.ResponseSpec postStandardWebhooks(Category category, byte[] body, String webhookId) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return client.post().uri(category.path()).contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", ClientAddresses.next())
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", WebhookSigner.standardWebhooksSignature(
                        TestCredentials.STANDARD_WEBHOOKS_SECRET, webhookId, timestamp, body))
                .bodyValue(body)
                .exchange();
    }

    /** A webhook id that brings the copied sender headers to exactly {@code total} bytes. */
    private static String webhookIdForSenderHeaders(byte[] body, int total) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        int signatureLength = WebhookSigner.standardWebhooksSignature(
                TestCredentials.STANDARD_WEBHOOKS_SECRET, "x", timestamp, body).length();
        return "msg_" + "0".repeat(total - signatureLength - timestamp.length() - 4);
    }

    @Test
    void bodyOfExactlyTheLimitWithTheLongestAllowedHeadersIsStoredWithAllOfThem() {
        byte[] body = incompressibleBody(MAX_BODY);
        String webhookId = webhookIdForSenderHeaders(body, AlertRecord.MAX_SENDER_HEADER_BYTES);

        JsonNode receipt = postStandardWebhooks(Category.CRITICAL, body, webhookId)
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        ConsumerRecord<String, byte[]> record = RecordReader.read(SharedKafkaBroker.bootstrapServers(),
                receipt.get("topic").asString(), receipt.get("partition").asInt(), receipt.get("offset").asLong());
        assertThat(record.topic()).isEqualTo(topic(Category.CRITICAL));
        assertThat(record.value()).isEqualTo(body);
        assertThat(Arrays.stream(record.headers().toArray()).map(Header::key)).containsExactlyInAnyOrder(
                AlertlineHeaders.REQUEST_ID, AlertlineHeaders.RECEIVED_AT, AlertlineHeaders.CATEGORY,
                AlertlineHeaders.CLIENT_ADDRESS, AlertlineHeaders.AUTH_SCHEME, AlertlineHeaders.SENDER_SIGNATURE,
                AlertlineHeaders.SENDER_TIMESTAMP, AlertlineHeaders.SENDER_WEBHOOK_ID, AlertlineHeaders.RECORD_SIGNATURE);
        assertThat(header(record, AlertlineHeaders.SENDER_WEBHOOK_ID)).isEqualTo(webhookId);
        assertThat(new RecordSigner(TestCredentials.RECORD_SIGNING_KEY).verify(
                header(record, AlertlineHeaders.REQUEST_ID), Long.parseLong(header(record, AlertlineHeaders.RECEIVED_AT)),
                Category.CRITICAL.id(), record.value(), header(record, AlertlineHeaders.RECORD_SIGNATURE))).isTrue();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void categoryTopicsAllowTheRecordBudgetIncludingOnesThatAlreadyExisted() throws Exception {
        try (Admin admin = admin(SharedKafkaBroker.bootstrapServers())) {
            List<ConfigResource> topics = Arrays.stream(Category.values()).filter(c -> c != Category.DATABASE)
                    .map(c -> new ConfigResource(ConfigResource.Type.TOPIC, topic(c))).toList();
            // the start-up's config change reaches the broker's metadata a moment later under load
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                Collection<org.apache.kafka.clients.admin.Config> configs =
                        admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS).values();
                assertThat(configs).hasSize(topics.size()).allSatisfy(config -> assertThat(
                        config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo(Integer.toString(BUDGET)));
            });
        }
    }

    @Test
    void senderHeadersBeyondTheirAllowanceGet431AndNothingIsPublished() {
        byte[] body = incompressibleBody(1024);
        String webhookId = webhookIdForSenderHeaders(body, AlertRecord.MAX_SENDER_HEADER_BYTES + 1);
        long before = TopicOffsets.endOffsetSum(SharedKafkaBroker.bootstrapServers(), topic(Category.WARNING));

        postStandardWebhooks(Category.WARNING, body, webhookId)
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("Request header fields too large");

        assertThat(TopicOffsets.endOffsetSum(SharedKafkaBroker.bootstrapServers(), topic(Category.WARNING)))
                .isEqualTo(before);
    }

    @Test
    void recordKafkaRefusesAsTooLargeGets413NotA503() throws Exception {
        ConfigResource database = new ConfigResource(ConfigResource.Type.TOPIC, topic(Category.DATABASE));
        try (Admin admin = admin(SharedKafkaBroker.bootstrapServers())) {
            // someone lowered the topic's limit behind the ingest's back: the broker now refuses the record
            setMaxMessageBytes(admin, database, 4096);
            try {
                postStandardWebhooks(Category.DATABASE, incompressibleBody(16 * 1024), "msg_413")
                        .expectStatus().isEqualTo(413)
                        .expectHeader().contentType(MediaType.APPLICATION_JSON)
                        .expectHeader().doesNotExist("Retry-After")
                        .expectBody()
                        .jsonPath("$.error").isEqualTo("Payload too large")
                        .jsonPath("$.message").isEqualTo("Kafka refused the record as too large")
                        .jsonPath("$.request_id").exists();
            } finally {
                setMaxMessageBytes(admin, database, BUDGET);
            }
        }
    }

    private static void setMaxMessageBytes(Admin admin, ConfigResource topic, int bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }
}
