package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;

/** The seed's 10 requests per minute per address, with Alertmanager's 4xx blindness in mind. */
@IngestIntegrationTest
class RateLimitTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Autowired
    WebTestClient client;

    private static final byte[] BODY = WebhookPublishTest.seedBody("RateTest", "warning").getBytes(StandardCharsets.UTF_8);

    private WebTestClient.ResponseSpec signed(String address) {
        return client.post().uri("/webhook/warning").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, BODY))
                .bodyValue(BODY).exchange();
    }

    @Test
    void eleventhRequestInAMinuteGets429AndOtherAddressesAreUnaffected() {
        String address = ClientAddresses.next();
        for (int i = 1; i <= 10; i++) {
            signed(address).expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(10 - i));
        }
        long now = System.currentTimeMillis() / 1000;
        signed(address)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("X-RateLimit-Limit", "10")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().value("X-RateLimit-Reset", reset -> assertThat(Long.parseLong(reset))
                        .isBetween(now, now + 61))
                .expectHeader().value("Retry-After", s -> assertThat(Integer.parseInt(s)).isBetween(1, 60))
                .expectBody()
                .jsonPath("$.error").isEqualTo("Rate limit exceeded")
                .jsonPath("$.retry_after").value(v -> assertThat(((Number) v).intValue()).isBetween(1, 60));

        signed(ClientAddresses.next()).expectStatus().isOk();
    }

    @Test
    void bearerClientOverTheLimitGets503SoAlertmanagerRetries() {
        String address = ClientAddresses.next();
        for (int i = 0; i < 10; i++) {
            bearer(address, TestCredentials.BEARER_TOKEN).expectStatus().isOk();
        }
        bearer(address, TestCredentials.BEARER_TOKEN)
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0");
        bearer(address, "not-the-token-0123456789").expectStatus().isEqualTo(429);
    }

    @Test
    void failedAuthenticationsSpendTheBudget() {
        String address = ClientAddresses.next();
        for (int i = 0; i < 10; i++) {
            client.post().uri("/webhook/warning").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Forwarded-For", address).header("X-Signature", "00".repeat(32))
                    .bodyValue(BODY).exchange().expectStatus().isUnauthorized();
        }
        signed(address).expectStatus().isEqualTo(429);
    }

    @Test
    void untrustedPeersCannotChooseTheirAddress() {
        // 127.0.0.1 is the only trusted proxy; a spoofed chain still ends at the real client hop.
        String address = ClientAddresses.next();
        for (int i = 0; i < 10; i++) {
            client.post().uri("/webhook/ai").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Forwarded-For", "203.0.113." + i + ", " + address)
                    .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, BODY))
                    .bodyValue(BODY).exchange().expectStatus().isOk();
        }
        client.post().uri("/webhook/ai").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", "203.0.113.99, " + address)
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, BODY))
                .bodyValue(BODY).exchange().expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec bearer(String address, String token) {
        return client.post().uri("/webhook/critical").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .header("Authorization", "Bearer " + token)
                .bodyValue(BODY).exchange();
    }
}
