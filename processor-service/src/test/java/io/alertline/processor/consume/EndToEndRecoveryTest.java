package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Http;
import tools.jackson.databind.JsonNode;

/**
 * The whole path with real parts: a signed critical alert posted to the real ingest lands on
 * the real broker, the processor runs the real recovery script, and the outcome is visible in
 * {@code GET /alerts}. An identical second delivery runs nothing.
 */
class EndToEndRecoveryTest {

    private static final String PREFIX = "e2e-recovery";
    private static final String API_TOKEN = "processor-api-token-0123456789";

    @TempDir
    static Path recoveryDir;

    static ConfigurableApplicationContext processor;
    static ConfigurableApplicationContext ingest;
    static Path marker;

    @BeforeAll
    static void start() throws IOException {
        marker = recoveryDir.resolve("ran.txt");
        Path script = recoveryDir.resolve("ollama-recovery.sh");
        Files.writeString(script, "#!/bin/sh\necho \"recovering $ALERT_SERVICE for $ALERT_NAME\"\n"
                + "echo \"$ALERT_NAME $ALERT_REQUEST_ID\" >> '" + marker + "'\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        processor = Apps.processor(PREFIX, Map.of(
                "RECOVERY_DIR", recoveryDir.toString(),
                "RECOVERY_COOLDOWN", "0s",
                "PROCESSOR_API_TOKEN", API_TOKEN));
        ingest = Apps.ingest(PREFIX, Map.of());
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    private static final String CRITICAL = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"OllamaServiceDown\","
            + "\"severity\":\"critical\",\"service\":\"ollama\"},\"annotations\":{\"summary\":\"Ollama service is down\","
            + "\"recovery\":\"auto\"},\"startsAt\":\"2026-11-22T10:00:00Z\"}]}";

    @Test
    void signedCriticalAlertRunsTheRecoveryScriptOnceAndReportsIt() throws IOException {
        int ingestPort = Apps.port(ingest);
        int processorPort = Apps.port(processor);

        Http.Reply accepted = Http.postSigned(ingestPort, "/webhook/critical", CRITICAL);
        assertThat(accepted.status()).isEqualTo(200);
        String requestId = accepted.body().get("request_id").asString();

        JsonNode outcome = awaitOutcome(processorPort, requestId);
        assertThat(outcome.get("result").asString()).isEqualTo("processed");
        assertThat(outcome.get("alertname").asString()).isEqualTo("OllamaServiceDown");
        JsonNode recovery = outcome.get("recovery");
        assertThat(recovery.get("attempted").asBoolean()).isTrue();
        assertThat(recovery.get("success").asBoolean()).isTrue();
        assertThat(recovery.get("exit_code").asInt()).isZero();
        assertThat(recovery.get("execution_time_seconds").asDouble()).isGreaterThan(0.0).isLessThan(30.0);
        assertThat(recovery.get("output_tail").asString()).contains("recovering ollama for OllamaServiceDown");
        assertThat(Files.readAllLines(marker)).containsExactly("OllamaServiceDown " + requestId);

        Http.Reply again = Http.postSigned(ingestPort, "/webhook/critical", CRITICAL);
        assertThat(again.status()).isEqualTo(200);
        String secondId = again.body().get("request_id").asString();
        JsonNode duplicate = awaitOutcome(processorPort, secondId);
        assertThat(duplicate.get("result").asString()).isEqualTo("duplicate");
        assertThat(duplicate.get("duplicate_of").asString()).isEqualTo(requestId);
        assertThat(Files.readAllLines(marker)).as("the second delivery ran nothing").hasSize(1);

        assertThat(Http.get(processorPort, "/alerts?limit=10", API_TOKEN).body().get("outcomes")
                .findValuesAsString("request_id")).contains(requestId, secondId);
        assertThat(Http.get(processorPort, "/alerts?limit=10", null).status()).isEqualTo(401);
        assertThat(Http.get(processorPort, "/alerts?limit=10", "wrong-token-0123456789").status()).isEqualTo(401);
        assertThat(Http.get(processorPort, "/alerts?limit=0", API_TOKEN).status()).isEqualTo(400);
        assertThat(Http.get(processorPort, "/alerts?limit=many", API_TOKEN).status()).isEqualTo(400);
        assertThat(Http.get(processorPort, "/health", null).status()).isEqualTo(200);
    }

    static JsonNode awaitOutcome(int processorPort, String requestId) {
        JsonNode[] holder = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Reply reply = Http.get(processorPort, "/alerts/" + requestId, API_TOKEN);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode outcome = reply.body().get("outcomes").get(0);
            assertThat(outcome.get("result").asString()).isNotEqualTo("in_progress");
            holder[0] = outcome;
        });
        return holder[0];
    }
}
