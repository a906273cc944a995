package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.testing.AlertmanagerFixtures;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.RecordReader;
import io.alertline.ingest.support.TestCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Accepted requests land on the right topic, verbatim, with every header, before the 200. */
@IngestIntegrationTest
class WebhookPublishTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Autowired
    WebTestClient client;

    private final JsonMapper json = JsonMapper.builder().build();

    static String seedBody(String alertname, String severity) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\",\"severity\":\"" + severity + "\",\"instance\":\"server-1\"},"
                + "\"annotations\":{\"summary\":\"High CPU usage detected\",\"description\":\"CPU usage is above 80%\"},"
                + "\"startsAt\":\"2025-11-29T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"}],"
                + "\"groupLabels\":{\"alertname\":\"" + alertname + "\"},\"commonLabels\":{\"severity\":\"" + severity
                + "\"},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"" + alertname + "\\\"}\"}";
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void signedSeedPayloadLandsVerbatimOnItsCategoryTopic(Category category) {
        byte[] body = seedBody("Test" + category.id(), "warning").getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, body);
        String address = ClientAddresses.next();
        long before = System.currentTimeMillis();

        JsonNode receipt = client.post().uri(category.path())
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Signature", signature)
                .header("X-Forwarded-For", address)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "10")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "9")
                .expectHeader().exists("X-RateLimit-Reset")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(receipt.get("status").asString()).isEqualTo("success");
        assertThat(receipt.get("processed").asInt()).isEqualTo(1);
        assertThat(receipt.get("alerts").get(0).get("alertname").asString()).isEqualTo("Test" + category.id());
        assertThat(receipt.get("alerts").get(0).get("status").asString()).isEqualTo("accepted");
        assertThat(receipt.get("topic").asString()).isEqualTo("alerts." + category.id());
        String requestId = receipt.get("request_id").asString();

        ConsumerRecord<String, byte[]> record = RecordReader.read(SharedKafkaBroker.bootstrapServers(),
                receipt.get("topic").asString(), receipt.get("partition").asInt(), receipt.get("offset").asLong());
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo("{}:{alertname=\"Test" + category.id() + "\"}");
        Map<String, String> headers = headers(record);
        assertThat(headers).containsEntry(AlertlineHeaders.REQUEST_ID, requestId)
                .containsEntry(AlertlineHeaders.CATEGORY, category.id())
                .containsEntry(AlertlineHeaders.CLIENT_ADDRESS, address)
                .containsEntry(AlertlineHeaders.AUTH_SCHEME, "hmac")
                .containsEntry(AlertlineHeaders.SENDER_SIGNATURE, signature)
                .doesNotContainKey(AlertlineHeaders.SENDER_TIMESTAMP);
        long receivedAt = Long.parseLong(headers.get(AlertlineHeaders.RECEIVED_AT));
        assertThat(receivedAt).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(new RecordSigner(TestCredentials.RECORD_SIGNING_KEY).verify(requestId, receivedAt, category.id(),
                record.value(), headers.get(AlertlineHeaders.RECORD_SIGNATURE))).isTrue();
    }

    static List<String> fixtures() {
        return AlertmanagerFixtures.bodies();
    }

    /** Alertmanager cannot sign bodies; its real bodies (trailing newline included) pass with its bearer token. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void realAlertmanagerBodiesAreAcceptedAsSentWithBearerToken(String fixture) {
        byte[] body = AlertmanagerFixtures.read(fixture);
        assertThat(body[body.length - 1]).as("fixture keeps Alertmanager's trailing newline").isEqualTo((byte) '\n');

        JsonNode receipt = client.post().uri("/webhook/gpu")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + AlertmanagerFixtures.capturedBearerToken())
                .header("User-Agent", "Alertmanager/0.25.0")
                .header("X-Forwarded-For", ClientAddresses.next())
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        ConsumerRecord<String, byte[]> record = RecordReader.read(SharedKafkaBroker.bootstrapServers(),
                receipt.get("topic").asString(), receipt.get("partition").asInt(), receipt.get("offset").asLong());
        assertThat(record.value()).isEqualTo(body);
        assertThat(headers(record)).containsEntry(AlertlineHeaders.AUTH_SCHEME, "bearer")
                .doesNotContainKey(AlertlineHeaders.SENDER_SIGNATURE);
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .as("the token never travels into the record").doesNotContain(AlertmanagerFixtures.capturedBearerToken());
        assertThat(record.headers().toArray()).noneMatch(h -> new String(h.value(), StandardCharsets.UTF_8)
                .contains(AlertmanagerFixtures.capturedBearerToken()));
    }

    @Test
    void timestampedGrafanaSignatureIsAcceptedAndItsTimestampKept() {
        byte[] body = seedBody("GrafanaAlert", "critical").getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = WebhookSigner.xSignatureTimestamped(TestCredentials.ROTATED_HMAC_SECRET, timestamp, body);

        Map<String, String> headers = storedHeaders(client.post().uri("/webhook/critical")
                .header("X-Signature", "sha256=" + signature.toUpperCase())
                .header("X-Timestamp", timestamp), body);
        assertThat(headers).containsEntry(AlertlineHeaders.AUTH_SCHEME, "hmac-timestamped")
                .containsEntry(AlertlineHeaders.SENDER_TIMESTAMP, timestamp);
    }

    @Test
    void standardWebhooksSignatureIsAccepted() {
        byte[] body = seedBody("StdWebhook", "warning").getBytes(StandardCharsets.UTF_8);
        String id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = WebhookSigner.standardWebhooksSignature(TestCredentials.STANDARD_WEBHOOKS_SECRET, id,
                timestamp, body);

        Map<String, String> headers = storedHeaders(client.post().uri("/webhook/warning")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1,bm90LXRoZS1zaWduYXR1cmU= " + signature), body);
        assertThat(headers).containsEntry(AlertlineHeaders.AUTH_SCHEME, "standard-webhooks")
                .containsEntry(AlertlineHeaders.SENDER_WEBHOOK_ID, id);
    }

    @Test
    void oneReceiptListsEveryAlertOfTheGroup() {
        String body = "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"odd-label\":\"\\u00fc\"}},"
                + "{\"labels\":{\"alertname\":\"B\",\"severity\":\"unheard-of\"}}],\"extra\":{\"x\":1}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonNode receipt = client.post().uri("/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, bytes))
                .header("X-Forwarded-For", ClientAddresses.next())
                .bodyValue(bytes)
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(receipt.get("processed").asInt()).isEqualTo(2);
        assertThat(receipt.get("alerts").findValuesAsString("alertname")).containsExactly("A", "B");
    }

    /** Sends the request (200 expected) and returns the headers of the record it produced. */
    private static Map<String, String> storedHeaders(WebTestClient.RequestBodySpec request, byte[] body) {
        JsonNode receipt = request.contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", ClientAddresses.next())
                .bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return headers(RecordReader.read(SharedKafkaBroker.bootstrapServers(), receipt.get("topic").asString(),
                receipt.get("partition").asInt(), receipt.get("offset").asLong()));
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> map = new java.util.HashMap<>();
        for (Header h : record.headers()) {
            map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }
}
