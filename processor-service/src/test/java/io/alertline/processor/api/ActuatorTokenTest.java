package io.alertline.processor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;

/**
 * With {@code PROCESSOR_API_TOKEN} set, the actuator wants it like the rest of the API, except
 * health and its probe groups, which orchestrators call without credentials and which reveal no
 * alert content. {@code PROCESSOR_METRICS_TOKEN} reads metrics and nothing else.
 */
class ActuatorTokenTest {

    private static final String PREFIX = "actuator-token";
    private static final String TOKEN = "processor-api-token-actuator-0123";
    private static final String METRICS_TOKEN = "processor-metrics-token-actuator-0123";

    private static final List<String> GUARDED = List.of("/actuator/prometheus", "/actuator/metrics",
            "/actuator/metrics/jvm.memory.used", "/actuator/info", "/actuator");
    /** Spellings a router might still map to an endpoint: whatever they answer, never the endpoint without a token. */
    private static final List<String> ODD = List.of("/actuator/", "/actuator/prometheus;x=y",
            "/actuator/health/../prometheus", "/actuator/health/%2E%2E/prometheus", "//actuator/prometheus",
            "/actuator//prometheus", "/actuator/%70rometheus", "/actuator/prometheus/", "/actuator/info;a=b");

    static ConfigurableApplicationContext processor;

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of("NOTIFY_CATEGORIES", "", "PROCESSOR_API_TOKEN", TOKEN,
                "PROCESSOR_METRICS_TOKEN", METRICS_TOKEN));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    private static AdminHttp.Answer get(String path, String bearer) {
        return AdminHttp.get(Apps.port(processor), path, bearer);
    }

    @Test
    void metricsAndInfoAnswerOnlyWithTheApiToken() {
        for (String path : GUARDED) {
            for (String wrong : new String[] {null, "", "not-the-token", TOKEN + "x"}) {
                AdminHttp.Answer answer = get(path, wrong);
                assertThat(answer.status()).as("%s with %s: %s", path, wrong, answer.text()).isEqualTo(401);
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.json().get("error").asString()).isEqualTo("Unauthorized");
            }
        }
        for (String path : ODD) {
            AdminHttp.Answer answer = get(path, null);
            assertThat(answer.status()).as("%s: %s", path, answer.text()).isNotEqualTo(200);
            assertThat(answer.text()).as(path).doesNotContain("jvm_memory").doesNotContain("alertline-processor");
        }
        assertThat(get("/actuator/prometheus", TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", TOKEN).text()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/metrics", TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/metrics/jvm.memory.used", TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/info", TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void theMetricsTokenReadsMetricsAndNothingElse() {
        assertThat(get("/actuator/prometheus", METRICS_TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/metrics", METRICS_TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/metrics/jvm.memory.used", METRICS_TOKEN).status()).isEqualTo(200);
        assertThat(get("/actuator/info", METRICS_TOKEN).status()).isEqualTo(401);
        assertThat(get("/actuator", METRICS_TOKEN).status()).isEqualTo(401);
        assertThat(get("/alerts", METRICS_TOKEN).status()).isEqualTo(401);
        assertThat(get("/audit", METRICS_TOKEN).status()).isEqualTo(401);
        assertThat(AdminHttp.post(Apps.port(processor), "/replay", "{\"all\":true,\"dry_run\":true}", METRICS_TOKEN)
                .status()).isEqualTo(401);
    }

    @Test
    void healthAndItsProbesStayOpen() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            // readiness (and so health) is honest about a just-started processor: Kafka checked, index caught up
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> get(path, null).status() == 200);
            AdminHttp.Answer answer = get(path, null);
            assertThat(answer.status()).as("%s: %s", path, answer.text()).isEqualTo(200);
            assertThat(answer.text()).as("status only, no details").doesNotContain("components").doesNotContain("details");
        }
        assertThat(get("/health", null).status()).isIn(200, 503);
    }
}
