package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.testing.KafkaBrokerProcess;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.TestCredentials;

/**
 * A real broker process is killed under a running ingest and started again: senders get a
 * retryable 503 within the publish timeout meanwhile, and success again afterwards without a
 * restart of the service.
 */
@IngestIntegrationTest
class BrokerOutageTest {

    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        BROKER.start();
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Autowired
    WebTestClient client;

    private static final byte[] BODY = WebhookPublishTest.seedBody("OutageTest", "critical").getBytes(StandardCharsets.UTF_8);

    private WebTestClient.ResponseSpec send() {
        return client.post().uri("/webhook/critical").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", ClientAddresses.next())
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, BODY))
                .bodyValue(BODY).exchange();
    }

    @Test
    void brokerDownGives503WithinTheTimeoutAndRecoversWithoutRestart() {
        send().expectStatus().isOk();
        client.get().uri("/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("healthy").jsonPath("$.timestamp").exists();

        BROKER.kill();

        long start = System.nanoTime();
        send().expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().exists("X-RateLimit-Remaining")
                .expectBody()
                .jsonPath("$.error").isEqualTo("Service error")
                .jsonPath("$.message").isEqualTo("Failed to process alert")
                .jsonPath("$.request_id").exists();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered within the 5 s publish timeout (plus scheduling slack)")
                .isLessThan(Duration.ofSeconds(7));
        // /health reads the background Kafka check (every 2 s, each given 5 s), as readiness does
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> client.get().uri("/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("unhealthy").jsonPath("$.kafka").isEqualTo("unreachable"));

        BROKER.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                send().expectStatus().isOk().expectBody().jsonPath("$.offset").exists());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                client.get().uri("/health").exchange().expectStatus().isOk());
    }
}
