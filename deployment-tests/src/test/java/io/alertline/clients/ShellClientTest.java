package io.alertline.clients;

import static io.alertline.clients.ClientProcesses.sh;
import static io.alertline.clients.ClientProcesses.shell;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.clients.ClientProcesses.Result;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;
import tools.jackson.databind.JsonNode;

/** scripts/webhook-examples.sh, sourced into bash, against a real ingest and broker. */
@ClientsIngestTest
class ShellClientTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Value("${local.server.port}")
    int port;

    private Map<String, String> clientEnv() {
        return ClientProcesses.env("WEBHOOK_URL", "http://127.0.0.1:" + port, "WEBHOOK_SECRET", TestCredentials.HMAC_SECRET);
    }

    /**
     * The record a successful send function's printed answer points at, asserting the sender's
     * X-Signature (kept in the record header) is the HMAC of the stored bytes: the library signed
     * exactly what it sent, and the ingest stored exactly that.
     */
    private static StoredAlert stored(Result result) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        JsonNode receipt = StoredAlert.parse(result.stdout());
        assertThat(receipt.get("status").asString()).isEqualTo("success");
        StoredAlert stored = StoredAlert.fromReceipt(receipt);
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.AUTH_SCHEME, "hmac")
                .containsEntry(AlertlineHeaders.REQUEST_ID, receipt.get("request_id").asString())
                .containsEntry(AlertlineHeaders.SENDER_SIGNATURE,
                        WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, stored.record().value()));
        assertThat(receipt.get("alerts").get(0).get("alertname").asString()).isEqualTo(stored.labels().get("alertname"));
        return stored;
    }

    static Stream<Arguments> sendFunctions() {
        return Stream.of(
                Arguments.of("test_webhook", "generic",
                        Map.of("alertname", "WebhookTest", "severity", "warning", "endpoint", "generic"), null),
                Arguments.of("test_webhook generic", "generic", Map.of("alertname", "WebhookTest", "endpoint", "generic"), null),
                Arguments.of("test_webhook critical", "critical",
                        Map.of("alertname", "WebhookTest", "severity", "critical", "endpoint", "critical"),
                        Map.of("summary", "Test alert from webhook-examples.sh (critical)",
                                "description", "Sent by test_webhook; safe to ignore")),
                Arguments.of("test_webhook warning", "warning", Map.of("endpoint", "warning"), null),
                Arguments.of("test_webhook gpu", "gpu", Map.of("endpoint", "gpu"), null),
                Arguments.of("test_webhook ai", "ai", Map.of("endpoint", "ai"), null),
                Arguments.of("test_webhook database", "database", Map.of("endpoint", "database"), null),
                Arguments.of("send_generic_alert ShGeneric info 'Generic summary' 'Generic description'", "generic",
                        Map.of("alertname", "ShGeneric", "severity", "info"),
                        Map.of("summary", "Generic summary", "description", "Generic description")),
                Arguments.of("send_critical_alert ShCritical openwebui 'Critical without recovery'", "critical",
                        Map.of("alertname", "ShCritical", "severity", "critical", "service", "openwebui"),
                        Map.of("summary", "Critical without recovery")),
                Arguments.of("trigger_ollama_recovery", "critical",
                        Map.of("alertname", "OllamaServiceDown", "severity", "critical", "service", "ollama"),
                        Map.of("summary", "Ollama service is down", "recovery", "auto")),
                Arguments.of("trigger_webui_recovery", "critical",
                        Map.of("alertname", "OpenWebUIServiceDown", "severity", "critical", "service", "openwebui"),
                        Map.of("summary", "Open WebUI service is down", "recovery", "auto")),
                Arguments.of("trigger_searxng_recovery", "critical",
                        Map.of("alertname", "SearXNGServiceDown", "severity", "critical", "service", "searxng"),
                        Map.of("summary", "SearXNG service is down", "recovery", "auto")),
                Arguments.of("send_warning_alert ShWarning 'Warn summary' 'Warn description' gpu-server", "warning",
                        Map.of("alertname", "ShWarning", "severity", "warning", "instance", "gpu-server"),
                        Map.of("summary", "Warn summary", "description", "Warn description")),
                Arguments.of("send_memory_warning 85", "warning",
                        Map.of("alertname", "HighMemoryUsage", "severity", "warning", "component", "memory"),
                        Map.of("summary", "Memory usage above 85%", "value", "85")),
                Arguments.of("send_cpu_warning 95 host-a", "warning",
                        Map.of("alertname", "HighCPUUsage", "severity", "warning", "component", "cpu", "instance", "host-a"),
                        Map.of("summary", "CPU usage above 95%", "value", "95")),
                Arguments.of("send_disk_warning 91 /data", "warning",
                        Map.of("alertname", "HighDiskUsage", "severity", "warning", "component", "disk", "mountpoint", "/data"),
                        Map.of("summary", "Disk usage on /data above 91%", "value", "91")),
                Arguments.of("send_gpu_alert \"GPUCUDAError\" 0 cuda \"CUDA error on GPU 0\"", "gpu",
                        Map.of("alertname", "GPUCUDAError", "severity", "critical", "gpu_id", "0", "component", "cuda"),
                        Map.of("summary", "CUDA error on GPU 0")),
                Arguments.of("send_gpu_memory_error 1", "gpu",
                        Map.of("alertname", "GPUMemoryError", "severity", "critical", "gpu_id", "1", "component", "memory"),
                        Map.of("summary", "GPU 1 memory error detected")),
                Arguments.of("send_cuda_error", "gpu",
                        Map.of("alertname", "GPUCUDAError", "severity", "critical", "gpu_id", "0", "component", "cuda"),
                        Map.of("summary", "CUDA error on GPU 0")),
                Arguments.of("send_gpu_temperature_warning 2 90", "gpu",
                        Map.of("alertname", "GPUTemperatureHigh", "severity", "warning", "gpu_id", "2",
                                "component", "temperature"),
                        Map.of("summary", "GPU 2 temperature above 90C", "temperature", "90")),
                Arguments.of("send_ai_alert OllamaInferenceSlow llama3.2:3b 'Inference latency above 5s'", "ai",
                        Map.of("alertname", "OllamaInferenceSlow", "severity", "warning", "model", "llama3.2:3b"),
                        Map.of("summary", "Inference latency above 5s", "model", "llama3.2:3b")),
                Arguments.of("send_database_alert PostgreSQLDown litellm 'Database down' critical label:cluster=main",
                        "database",
                        Map.of("alertname", "PostgreSQLDown", "severity", "critical", "database", "litellm",
                                "cluster", "main"),
                        Map.of("summary", "Database down")),
                Arguments.of("send_db_pool_warning \"openwebui\" \"32/40\"", "database",
                        Map.of("alertname", "PostgreSQLHighConnections", "severity", "warning", "database", "openwebui"),
                        Map.of("summary", "Database connection pool usage high (32/40)", "connections", "32/40")),
                Arguments.of("send_slow_query_alert litellm 7", "database",
                        Map.of("alertname", "PostgreSQLSlowQueries", "severity", "warning", "database", "litellm"),
                        Map.of("summary", "Queries slower than 7s", "duration_seconds", "7")));
    }

    /** Exact labels and annotations where given; only the listed labels (annotations: none given) otherwise. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sendFunctions")
    void sendFunctionLandsOnItsTopic(String call, String category, Map<String, String> labels,
            Map<String, String> annotations) {
        Instant before = Instant.now();
        StoredAlert stored = stored(shell(clientEnv(), call)).assertAlertmanagerShape("firing", before);

        assertThat(stored.topic()).isEqualTo("alerts." + category);
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.CATEGORY, category)
                .containsEntry(AlertlineHeaders.CLIENT_ADDRESS, "127.0.0.1");
        if (labels.containsKey("alertname") && labels.containsKey("severity")) {
            assertThat(stored.labels()).containsExactlyInAnyOrderEntriesOf(labels);
        } else {
            assertThat(stored.labels()).containsAllEntriesOf(labels);
        }
        if (annotations != null) {
            assertThat(stored.annotations()).containsExactlyInAnyOrderEntriesOf(annotations);
        }
        assertThat(stored.text()).as("compact JSON").doesNotContain("\": ").doesNotContain(", \"");
    }

    @Test
    void resolvedAlertFollowsItsFiringAlertOnTheSamePartition() {
        Instant before = Instant.now();
        StoredAlert firing = stored(shell(clientEnv(), "send_alert database firing ShFlapping label:severity=warning "
                + "label:database=openwebui annotation:summary=flapping"));
        StoredAlert resolved = stored(shell(clientEnv(), "send_alert database resolved ShFlapping label:severity=warning "
                + "label:database=openwebui annotation:summary=flapping"));

        firing.assertAlertmanagerShape("firing", before);
        resolved.assertAlertmanagerShape("resolved", before);
        assertThat(resolved.labels()).isEqualTo(firing.labels());
        assertThat(resolved.record().key()).isEqualTo(firing.record().key());
        assertThat(resolved.record().partition()).isEqualTo(firing.record().partition());
        assertThat(resolved.record().offset()).isGreaterThan(firing.record().offset());
    }

    @Test
    void quotesBackslashesControlCharactersAndUnicodeArriveIntact() {
        String name = "Sh \"Quoted\" \\ \u00e9";
        Instant before = Instant.now();
        StoredAlert stored = stored(shell(clientEnv(), "send_alert warning firing " + sh(name) + " "
                + sh("label:note=" + PythonClientTest.NOTE) + " " + sh("annotation:summary=" + PythonClientTest.SUMMARY)
                + " " + sh("annotation:k\u00e9y=v=with=equals"))).assertAlertmanagerShape("firing", before);

        assertThat(stored.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("alertname", name, "note", PythonClientTest.NOTE));
        assertThat(stored.annotations()).containsExactlyInAnyOrderEntriesOf(
                Map.of("summary", PythonClientTest.SUMMARY, "k\u00e9y", "v=with=equals"));
        assertThat(stored.record().key()).isEqualTo("{}:{alertname=\"Sh \\\"Quoted\\\" \\\\ \u00e9\"}");

        StoredAlert seedStyle = stored(shell(clientEnv(), "send_generic_alert " + sh(name) + " warning "
                + sh(PythonClientTest.NOTE) + " " + sh(PythonClientTest.SUMMARY)));
        assertThat(seedStyle.annotations()).containsExactlyInAnyOrderEntriesOf(
                Map.of("summary", PythonClientTest.NOTE, "description", PythonClientTest.SUMMARY));
    }

    @Test
    void jsonEscapeWritesControlCharactersAsJsonEscapes() {
        Result result = shell(clientEnv(), "json_escape " + sh("q\" b\\ n\n r\r t\t soh\u0001 us\u001f del\u007f \u00fc"));
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).isEqualTo("q\\\" b\\\\ n\\n r\\r t\\t soh\\u0001 us\\u001f del\u007f \u00fc");
    }

    @Test
    void wrongSecretReturnsOneAndPrintsTheServersAnswer() {
        Map<String, String> env = clientEnv();
        env.put("WEBHOOK_SECRET", "not-the-secret-0123456789");
        Result result = shell(env, "send_memory_warning 85");
        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.stdout().strip())
                .isEqualTo("{\"error\":\"Unauthorized\",\"message\":\"Invalid or missing signature\"}");
        assertThat(result.stderr()).contains("HTTP 401");
    }

    @Test
    void curlFailuresAndUsageErrorsAreNonZero() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> dead = clientEnv();
        dead.put("WEBHOOK_URL", "http://127.0.0.1:" + closedPort);
        Result refused = shell(dead, "trigger_ollama_recovery");
        assertThat(refused.exitCode()).as("curl's 'couldn't connect' (7): %s", refused).isEqualTo(7);
        assertThat(refused.stderr()).contains("curl exit code 7");

        Map<String, String> noSecret = clientEnv();
        noSecret.remove("WEBHOOK_SECRET");
        Result unsigned = shell(noSecret, "send_memory_warning 85");
        assertThat(unsigned.exitCode()).as("%s", unsigned).isEqualTo(2);
        assertThat(unsigned.stderr()).contains("WEBHOOK_SECRET is not set");

        Result badEndpoint = shell(clientEnv(), "test_webhook nowhere");
        assertThat(badEndpoint.exitCode()).as("%s", badEndpoint).isEqualTo(2);
        assertThat(badEndpoint.stderr()).contains("unknown endpoint 'nowhere'");

        Result badArgument = shell(clientEnv(), "send_alert warning firing ShBad not-a-label");
        assertThat(badArgument.exitCode()).as("%s", badArgument).isEqualTo(2);
        assertThat(badArgument.stderr()).contains("expected label:KEY=VALUE or annotation:KEY=VALUE");
    }

    @Test
    void sourcingKeepsTheCallersShellOptions() {
        Result lax = ClientProcesses.bash(clientEnv(), "set +e +u\nbefore=$-\nsource " + ClientProcesses.SHELL_LIBRARY
                + "\nafter=$-\nprintf '%s|%s\\n' \"$before\" \"$after\"");
        assertThat(lax.exitCode()).as("%s", lax).isZero();
        String[] flags = lax.stdout().strip().split("\\|");
        assertThat(flags).hasSize(2);
        assertThat(flags[1]).isEqualTo(flags[0]).doesNotContain("e").doesNotContain("u");

        Result strict = ClientProcesses.bash(clientEnv(), "set -euo pipefail\nbefore=\"$- $(set -o | grep pipefail)\"\n"
                + "source " + ClientProcesses.SHELL_LIBRARY + "\nafter=\"$- $(set -o | grep pipefail)\"\n"
                + "printf '%s|%s\\n' \"$before\" \"$after\"");
        assertThat(strict.exitCode()).as("%s", strict).isZero();
        String[] strictFlags = strict.stdout().strip().split("\\|");
        assertThat(strictFlags[1]).isEqualTo(strictFlags[0]).contains("e").contains("u").containsPattern("pipefail\\s+on");
    }

    @Test
    void functionsWorkInACallerUsingSetEuoPipefail() {
        Map<String, String> wrong = clientEnv();
        wrong.put("WEBHOOK_SECRET", "not-the-secret-0123456789");
        Result result = ClientProcesses.bash(wrong, "set -euo pipefail\nsource " + ClientProcesses.SHELL_LIBRARY
                + "\nif send_cpu_warning 97 >/dev/null 2>&1; then echo sent; else echo \"failed $?\"; fi"
                + "\nWEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET + " send_cpu_warning 97");
        StoredAlert stored = stored(new Result(result.command(), result.exitCode(),
                result.stdout().substring(result.stdout().indexOf('\n') + 1), result.stderr()));
        assertThat(result.stdout()).startsWith("failed 1\n");
        assertThat(stored.labels()).containsEntry("alertname", "HighCPUUsage");
        assertThat(stored.annotations()).containsEntry("value", "97");
    }

    @Test
    void verifySignatureAgreesWithGenerateSignatureAndTheIngest() {
        String payload = "{\"alerts\":[{\"labels\":{\"alertname\":\"" + PythonClientTest.NOTE.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}}]}\n";
        Result result = shell(clientEnv(), "p=" + sh(payload) + "\n"
                + "sig=$(generate_signature \"$p\")\n"
                + "echo \"sig=$sig\"\n"
                + "verify_signature \"$p\" \"$sig\" >/dev/null; echo \"same=$?\"\n"
                + "verify_signature \"$p\" \"sha256=${sig^^}\" >/dev/null; echo \"prefixed-upper=$?\"\n"
                + "verify_signature \"$p \" \"$sig\" 2>/dev/null; echo \"tampered=$?\"\n"
                + "verify_signature \"$p\" \"$sig\" other-secret-0123456789 2>/dev/null; echo \"other-secret=$?\"\n"
                + "verify_signature \"$p\" \"\" 2>/dev/null; echo \"empty=$?\"\n"
                + "echo \"explicit=$(generate_signature \"$p\" " + TestCredentials.ROTATED_HMAC_SECRET + ")\"\n");
        assertThat(result.exitCode()).as("%s", result).isZero();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        assertThat(result.stdout().lines().toList()).containsExactly(
                "sig=" + WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, bytes),
                "same=0", "prefixed-upper=0", "tampered=1", "other-secret=1", "empty=1",
                "explicit=" + WebhookSigner.xSignature(TestCredentials.ROTATED_HMAC_SECRET, bytes));
    }

    static final List<String> SEED_FUNCTIONS = List.of("generate_signature", "verify_signature", "test_webhook",
            "send_generic_alert", "send_critical_alert", "trigger_ollama_recovery", "trigger_webui_recovery",
            "trigger_searxng_recovery", "send_warning_alert", "send_memory_warning", "send_cpu_warning",
            "send_disk_warning", "send_gpu_alert", "send_gpu_memory_error", "send_cuda_error",
            "send_gpu_temperature_warning", "send_database_alert", "send_db_pool_warning", "send_slow_query_alert",
            "print_usage");

    @Test
    void everySeedFunctionIsDefinedAndListedByTheUsage() {
        Result declared = shell(clientEnv(), "compgen -A function");
        assertThat(declared.exitCode()).as("%s", declared).isZero();
        assertThat(declared.stdout().lines().toList()).containsAll(SEED_FUNCTIONS).contains("json_escape", "send_alert");

        Result executed = ClientProcesses.run(clientEnv(), List.of("bash", ClientProcesses.SHELL_LIBRARY));
        assertThat(executed.exitCode()).as("%s", executed).isZero();
        assertThat(executed.stdout()).contains(SEED_FUNCTIONS).contains("WEBHOOK_SECRET", "WEBHOOK_URL");
        Result usage = shell(clientEnv(), "print_usage");
        assertThat(usage.stdout()).isEqualTo(executed.stdout());
    }
}
