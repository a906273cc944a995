package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ResponseStatusException;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

/** Everything that must be refused gets a clear 4xx with a JSON body, never a 500. */
@IngestIntegrationTest
class WebhookRejectionTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Autowired
    WebTestClient client;

    private static final byte[] BODY = WebhookPublishTest.seedBody("AuthTest", "critical").getBytes(StandardCharsets.UTF_8);

    private WebTestClient.RequestBodySpec post(String path) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", ClientAddresses.next());
    }

    private void expectUnauthorized(WebTestClient.RequestHeadersSpec<?> request) {
        request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().exists("X-RateLimit-Remaining")
                .expectBody()
                .jsonPath("$.error").isEqualTo("Unauthorized")
                .jsonPath("$.message").isEqualTo("Invalid or missing signature");
    }

    @Test
    void missingSignature() {
        expectUnauthorized(post("/webhook/critical").bodyValue(BODY));
    }

    @Autowired
    MeterRegistry registry;

    @Autowired
    DispatcherHandler dispatcher;

    /**
     * WebFlux's dispatcher knows no webhook route (it answers 404), so the webhooks every other test
     * here gets answered were served ahead of it (WebhookEndpoints).
     */
    @Test
    void webhooksAreServedAheadOfTheDispatcher() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/webhook/critical"));
        assertThatThrownBy(() -> dispatcher.handle(exchange).block())
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    /** WebFlux's per-request observation is off (it was ~8 % of the CPU); our own counter has the request. */
    @Test
    void requestsAreCountedByTheIngestAloneWithoutAFrameworkObservation() {
        Counter unauthorized = registry.get("alertline.ingest.requests").tag("endpoint", "/webhook/warning")
                .tag("status", "401").counter();
        double before = unauthorized.count();

        expectUnauthorized(post("/webhook/warning").bodyValue(BODY));

        assertThat(unauthorized.count()).isEqualTo(before + 1);
        assertThat(registry.find("http.server.requests").meters()).isEmpty();
        assertThat(registry.find("http.server.requests.active").meters()).isEmpty();
    }

    @Test
    void wrongSignature() {
        expectUnauthorized(post("/webhook/critical").header("X-Signature", "0".repeat(64)).bodyValue(BODY));
    }

    @Test
    void signatureMadeWithAnotherSecret() {
        expectUnauthorized(post("/webhook/critical")
                .header("X-Signature", WebhookSigner.xSignature("some-other-secret-0123456789", BODY)).bodyValue(BODY));
    }

    @Test
    void signatureOverADifferentBody() {
        byte[] tampered = WebhookPublishTest.seedBody("AuthTest", "warning").getBytes(StandardCharsets.UTF_8);
        expectUnauthorized(post("/webhook/critical")
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, BODY)).bodyValue(tampered));
    }

    @Test
    void staleTimestamp() {
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        expectUnauthorized(post("/webhook/critical").header("X-Timestamp", stale)
                .header("X-Signature", WebhookSigner.xSignatureTimestamped(TestCredentials.HMAC_SECRET, stale, BODY))
                .bodyValue(BODY));
    }

    @Test
    void bearerTokenThatIsTheHmacSecret() {
        expectUnauthorized(post("/webhook/critical")
                .header("Authorization", "Bearer " + TestCredentials.HMAC_SECRET).bodyValue(BODY));
    }

    @Test
    void nonAsciiSignatureHeader() {
        expectUnauthorized(post("/webhook/critical")
                .header("X-Signature", new String("sha256=\u00e9\u00e9\u00ff".getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1))
                .bodyValue(BODY));
    }

    @Test
    void nonAsciiBearerHeader() {
        expectUnauthorized(post("/webhook/critical")
                .header("Authorization", "Bearer \u00e9t\u00e9-token-\u00fc\u00fc\u00fc\u00fc\u00fc").bodyValue(BODY));
    }

    @Test
    void staleStandardWebhooksTimestamp() {
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        expectUnauthorized(post("/webhook/warning")
                .header("webhook-id", "msg_1").header("webhook-timestamp", stale)
                .header("webhook-signature", WebhookSigner.standardWebhooksSignature(
                        TestCredentials.STANDARD_WEBHOOKS_SECRET, "msg_1", stale, BODY))
                .bodyValue(BODY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"groupKey\":\"x\"}                        | alerts                     | Field required",
            "{\"alerts\":\"many\"}                        | alerts                     | Must be an array",
            "{\"alerts\":[{\"labels\":{\"severity\":\"critical\"}}]} | alerts[0].labels.alertname | Field required",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":\"x\"}]} | alerts[0].annotations | Must be an object",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":\"maybe\"}]} | alerts[0].status | Must be 'firing' or 'resolved'",
            "not json at all                              | body                       | ",
    })
    void validationFailuresNameTheField(String json, String field, String message) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        var spec = post("/webhook/warning")
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, body))
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("Payload validation failed")
                .jsonPath("$.details.field").isEqualTo(field);
        if (message != null) {
            spec.jsonPath("$.details.message").isEqualTo(message);
        } else {
            spec.jsonPath("$.details.message").value(m -> assertThat((String) m).startsWith("Invalid JSON"));
        }
    }

    @Test
    void tooManyAlertsIsRefused() {
        String body = "{\"alerts\":[" + String.join(",", java.util.Collections.nCopies(1001,
                "{\"labels\":{\"alertname\":\"A\"}}")) + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        post("/webhook").header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, bytes))
                .bodyValue(bytes).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("alerts");
    }

    @Test
    void oversizeBodyWithContentLengthGets413() {
        byte[] big = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        post("/webhook").header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, big))
                .bodyValue(big).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").isEqualTo("Payload too large");
    }

    @Test
    void oversizeChunkedBodyGets413() {
        DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 80).map(i -> factory.wrap(new byte[1024]));
        post("/webhook").header("X-Signature", "00").body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").isEqualTo("Payload too large");
    }

    @Test
    void emptyBodyIsAValidationError() {
        byte[] empty = new byte[0];
        post("/webhook").header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, empty))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("body");
    }
}
