package io.alertline.processor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.ingest.IngestApplication;
import io.alertline.processor.ProcessorApplication;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.ServiceProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LOG_FORMAT=ecs turns both services' logs into one JSON object per line, and the lines about a
 * request (the ingest's) and about its record (the processor's) carry its id as
 * {@code request_id}. The services run as child JVMs started like a deployment starts them,
 * without the tests' logback configuration, and their standard output is parsed line by line.
 */
class StructuredLogTest {

    private static final String PREFIX = "structured-logs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withLogFormatEcsEveryLineIsJsonAndLinesAboutARequestCarryItsId() {
        int ingestPort = ServiceProcess.freePort();
        int processorPort = ServiceProcess.freePort();
        Map<String, String> common = Map.of(
                "LOG_FORMAT", "ecs",
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafkaBroker.bootstrapServers(),
                "KAFKA_TOPIC_PREFIX", PREFIX,
                "RECORD_SIGNING_KEY", Apps.RECORD_SIGNING_KEY,
                // the per-request and per-record lines are DEBUG; a log pipeline that wants them turns them on
                "LOGGING_LEVEL_IO_ALERTLINE", "DEBUG");
        Map<String, String> ingestEnv = new java.util.HashMap<>(common);
        ingestEnv.putAll(Map.of("INGEST_PORT", Integer.toString(ingestPort), "WEBHOOK_SECRET", Apps.HMAC_SECRET));
        Map<String, String> processorEnv = new java.util.HashMap<>(common);
        processorEnv.putAll(Map.of("PROCESSOR_PORT", Integer.toString(processorPort),
                "PROCESSOR_GROUP_ID", PREFIX + "-processor"));

        try (ServiceProcess ingest = ServiceProcess.start(IngestApplication.class.getName(), ingestEnv);
                ServiceProcess processor = ServiceProcess.start(ProcessorApplication.class.getName(), processorEnv)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(ingest.isAlive() && processor.isAlive()).as("both still running").isTrue();
                assertThat(status(ingestPort, "/actuator/health/readiness")).isEqualTo(200);
                assertThat(status(processorPort, "/actuator/health/readiness")).isEqualTo(200);
            });

            Http.Reply accepted = Http.postSigned(ingestPort, "/webhook/warning",
                    "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"JsonLogs\"}}]}");
            assertThat(accepted.status()).isEqualTo(200);
            String requestId = accepted.body().get("request_id").asString();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(about(requestId, json(ingest.stdoutLines(), "ingest"))).as("ingest lines about the request")
                        .isNotEmpty();
                assertThat(about(requestId, json(processor.stdoutLines(), "processor")))
                        .as("processor lines about its record").isNotEmpty();
            });
            for (List<JsonNode> lines : List.of(json(ingest.stdoutLines(), "ingest"),
                    json(processor.stdoutLines(), "processor"))) {
                assertThat(lines).allSatisfy(line -> {
                    assertThat(line.has("@timestamp")).as("ECS field @timestamp in %s", line).isTrue();
                    assertThat(line.path("log").path("level").asString()).isNotBlank();
                    if (line.path("message").asString().contains(requestId)) {
                        assertThat(line.path("request_id").asString()).as("a line naming the request: %s", line)
                                .isEqualTo(requestId);
                    }
                });
            }
        }
    }

    /** Every line parsed as JSON; a line that is not JSON fails the test. */
    private static List<JsonNode> json(List<String> lines, String service) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                parsed.add(JSON.readTree(line));
            } catch (RuntimeException e) {
                throw new AssertionError(service + " wrote a line that is not JSON: " + line, e);
            }
        }
        return parsed;
    }

    private static List<JsonNode> about(String requestId, List<JsonNode> lines) {
        return lines.stream().filter(l -> requestId.equals(l.path("request_id").asString(null))).toList();
    }

    private static int status(int port, String path) {
        try {
            return Http.get(port, path, null).status();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
