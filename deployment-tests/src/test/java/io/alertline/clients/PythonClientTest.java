package io.alertline.clients;

import static io.alertline.clients.ClientProcesses.env;
import static io.alertline.clients.ClientProcesses.python;
import static io.alertline.clients.ClientProcesses.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.topic.Category;
import io.alertline.clients.ClientProcesses.Result;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;
import tools.jackson.databind.JsonNode;

/** scripts/webhook-client-python.py, run with python3 against a real ingest and broker. */
@ClientsIngestTest
class PythonClientTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Value("${local.server.port}")
    int port;

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private static Map<String, String> secret() {
        return env("WEBHOOK_SECRET", TestCredentials.HMAC_SECRET);
    }

    /** Runs the client with --json-output and returns its (parsed) output, asserting success. */
    private JsonNode sendOk(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url(), "--json-output"));
        all.addAll(List.of(args));
        Result result = python(env, all.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s", result).isZero();
        JsonNode out = StoredAlert.parse(result.stdout());
        assertThat(out.get("ok").asBoolean()).as("%s", result).isTrue();
        assertThat(out.get("status_code").asInt()).isEqualTo(200);
        return out;
    }

    /** The record the answer points at, asserting it holds exactly the bytes the client sent. */
    private static StoredAlert stored(JsonNode out) {
        JsonNode response = out.get("response");
        assertThat(response.get("status").asString()).isEqualTo("success");
        assertThat(response.get("processed").asInt()).isEqualTo(1);
        assertThat(response.get("request_id").asString()).isNotBlank();
        StoredAlert stored = StoredAlert.fromReceipt(response);
        assertThat(stored.record().value()).isEqualTo(out.get("request_body").asString().getBytes(StandardCharsets.UTF_8));
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.REQUEST_ID, response.get("request_id").asString());
        assertThat(response.get("alerts").get(0).get("alertname").asString()).isEqualTo(stored.labels().get("alertname"));
        return stored;
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void everyEndpointStoresTheSignedBodyVerbatimOnItsTopic(Category category) {
        List<String> args = new ArrayList<>(List.of("--endpoint", category.id(), "--alert-name", "Py" + category.id(),
                "--severity", "info", "--summary", "Summary of " + category.id(), "--description", "Described",
                "--label", "team=ops", "--label", "instance=gpu-server", "--annotation", "runbook=https://example.org/rb"));
        Map<String, String> labels = new java.util.LinkedHashMap<>(Map.of("alertname", "Py" + category.id(),
                "severity", "info", "team", "ops", "instance", "gpu-server"));
        Map<String, String> annotations = new java.util.LinkedHashMap<>(Map.of("summary", "Summary of " + category.id(),
                "description", "Described", "runbook", "https://example.org/rb"));
        switch (category) {
            case CRITICAL -> {
                args.addAll(List.of("--service", "ollama", "--auto-recovery"));
                labels.put("service", "ollama");
                annotations.put("recovery", "auto");
            }
            case GPU -> {
                args.addAll(List.of("--gpu-id", "0", "--gpu-component", "memory"));
                labels.put("gpu_id", "0");
                labels.put("component", "memory");
            }
            case DATABASE -> {
                args.addAll(List.of("--database", "openwebui"));
                labels.put("database", "openwebui");
            }
            default -> {
            }
        }
        Instant before = Instant.now();

        JsonNode out = sendOk(secret(), args.toArray(String[]::new));

        assertThat(out.get("url").asString()).isEqualTo(url() + category.path());
        assertThat(out.get("auth").asString()).isEqualTo("hmac");
        assertThat(out.get("response").get("topic").asString()).isEqualTo("alerts." + category.id());
        assertThat(out.get("rate_limit").get("limit").asString()).isEqualTo("1000");
        StoredAlert stored = stored(out).assertAlertmanagerShape("firing", before);
        assertThat(stored.topic()).isEqualTo("alerts." + category.id());
        assertThat(stored.labels()).containsExactlyInAnyOrderEntriesOf(labels);
        assertThat(stored.annotations()).containsExactlyInAnyOrderEntriesOf(annotations);
        assertThat(stored.record().key()).isEqualTo("{}:{alertname=\"Py" + category.id() + "\"}");
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.AUTH_SCHEME, "hmac")
                .containsEntry(AlertlineHeaders.CATEGORY, category.id())
                .containsEntry(AlertlineHeaders.CLIENT_ADDRESS, "127.0.0.1")
                .containsEntry(AlertlineHeaders.SENDER_SIGNATURE,
                        WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, stored.record().value()));
        assertThat(stored.text()).as("compact JSON").doesNotContain("\": ").doesNotContain(", \"");
    }

    @Test
    void severityDefaultsFollowTheEndpoint() {
        assertThat(stored(sendOk(secret(), "--endpoint", "critical", "--alert-name", "PyDefaultCritical"))
                .labels()).containsEntry("severity", "critical");
        StoredAlert generic = stored(sendOk(secret(), "--alert-name", "PyDefaultGeneric"));
        assertThat(generic.topic()).isEqualTo("alerts.generic");
        assertThat(generic.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("alertname", "PyDefaultGeneric", "severity", "warning"));
        assertThat(generic.annotations()).isEmpty();
    }

    @Test
    void resolvedAlertFollowsItsFiringAlertOnTheSamePartition() {
        Instant before = Instant.now();
        StoredAlert firing = stored(sendOk(secret(), "--endpoint", "warning", "--alert-name", "PyFlapping",
                "--summary", "flapping"));
        StoredAlert resolved = stored(sendOk(secret(), "--endpoint", "warning", "--alert-name", "PyFlapping",
                "--summary", "flapping", "--status", "resolved"));

        firing.assertAlertmanagerShape("firing", before);
        resolved.assertAlertmanagerShape("resolved", before);
        assertThat(resolved.record().key()).isEqualTo(firing.record().key());
        assertThat(resolved.record().partition()).isEqualTo(firing.record().partition());
        assertThat(resolved.record().offset()).isGreaterThan(firing.record().offset());
    }

    static final String NOTE = "say \"hi\" \\ and \\\\ \u00fc \u2713 \uD83D\uDE80 {\"json\":[1]}";
    static final String SUMMARY = "line 1\nline 2\r\n\ttabbed \u0001 \u001f end";

    @Test
    void quotesBackslashesControlCharactersAndUnicodeArriveIntact() {
        Instant before = Instant.now();
        // Through bash with $'\xHH' words, so the bytes do not depend on the JVM's locale.
        Result result = ClientProcesses.bash(secret(), "exec python3 " + ClientProcesses.PYTHON_CLIENT
                + " --url " + url() + " --json-output --endpoint ai --alert-name " + sh("Py \"Quoted\" \\ \u00e9")
                + " --label " + sh("note=" + NOTE) + " --summary " + sh(SUMMARY)
                + " --annotation " + sh("k\u00e9y=v=with=equals"));
        assertThat(result.exitCode()).as("%s", result).isZero();

        StoredAlert stored = stored(StoredAlert.parse(result.stdout())).assertAlertmanagerShape("firing", before);
        assertThat(stored.labels()).containsEntry("alertname", "Py \"Quoted\" \\ \u00e9").containsEntry("note", NOTE);
        assertThat(stored.annotations()).containsEntry("summary", SUMMARY).containsEntry("k\u00e9y", "v=with=equals");
        assertThat(stored.record().key()).isEqualTo("{}:{alertname=\"Py \\\"Quoted\\\" \\\\ \u00e9\"}");
        assertThat(stored.text()).as("UTF-8, not \\u escapes").contains("\u2713");
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.SENDER_SIGNATURE,
                WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, stored.record().value()));
    }

    @Test
    void timestampModeSignsTimestampColonBody() {
        long before = System.currentTimeMillis() / 1000;
        JsonNode out = sendOk(env("WEBHOOK_SECRET", TestCredentials.ROTATED_HMAC_SECRET), "--timestamp",
                "--endpoint", "critical", "--alert-name", "PyGrafana");
        long after = System.currentTimeMillis() / 1000;

        assertThat(out.get("auth").asString()).isEqualTo("hmac-timestamped");
        StoredAlert stored = stored(out);
        String timestamp = stored.headers().get(AlertlineHeaders.SENDER_TIMESTAMP);
        assertThat(Long.parseLong(timestamp)).isBetween(before, after);
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.AUTH_SCHEME, "hmac-timestamped")
                .containsEntry(AlertlineHeaders.SENDER_SIGNATURE, WebhookSigner.xSignatureTimestamped(
                        TestCredentials.ROTATED_HMAC_SECRET, timestamp, stored.record().value()));
    }

    @Test
    void bearerTokenFromTheEnvironmentReplacesSigningAndHumanOutputNamesTheRecord() {
        Result result = python(env("WEBHOOK_BEARER_TOKEN", TestCredentials.BEARER_TOKEN), "--url", url(),
                "--endpoint", "gpu", "--alert-name", "PyBearer", "--gpu-id", "1", "--gpu-component", "cuda");
        assertThat(result.exitCode()).as("%s", result).isZero();

        assertThat(result.stdout()).contains("Status: 200").contains("Alert: PyBearer (accepted)")
                .containsPattern("(?m)^Rate limit: \\d+ of 1000 remaining$");
        Matcher requestId = Pattern.compile("(?m)^Request ID: (\\S+)$").matcher(result.stdout());
        Matcher where = Pattern.compile("(?m)^Topic: (\\S+)  Partition: (\\d+)  Offset: (\\d+)$").matcher(result.stdout());
        assertThat(requestId.find()).as("%s", result).isTrue();
        assertThat(where.find()).as("%s", result).isTrue();
        StoredAlert stored = StoredAlert.read(where.group(1), Integer.parseInt(where.group(2)),
                Long.parseLong(where.group(3)));
        assertThat(stored.topic()).isEqualTo("alerts.gpu");
        assertThat(stored.labels()).containsEntry("alertname", "PyBearer").containsEntry("gpu_id", "1")
                .containsEntry("component", "cuda");
        assertThat(stored.headers()).containsEntry(AlertlineHeaders.REQUEST_ID, requestId.group(1))
                .containsEntry(AlertlineHeaders.AUTH_SCHEME, "bearer")
                .doesNotContainKey(AlertlineHeaders.SENDER_SIGNATURE);
    }

    /** .alertline/local.env defines the ingest's list, WEBHOOK_BEARER_TOKENS: its first entry is used. */
    @Test
    void firstEntryOfTheIngestsBearerTokenListIsUsed() {
        JsonNode out = sendOk(env("WEBHOOK_BEARER_TOKENS", " " + TestCredentials.BEARER_TOKEN + ",not-a-token-0123456789"),
                "--endpoint", "ai", "--alert-name", "PyBearerList");
        assertThat(out.get("auth").asString()).isEqualTo("bearer");
        assertThat(stored(out).headers()).containsEntry(AlertlineHeaders.AUTH_SCHEME, "bearer");
    }

    @Test
    void bearerTokenFlagWinsOverASecretInTheEnvironment() {
        JsonNode out = sendOk(env("WEBHOOK_SECRET", "not-the-secret-0123456789"),
                "--bearer-token", TestCredentials.BEARER_TOKEN, "--endpoint", "database", "--alert-name", "PyBearerFlag");
        assertThat(out.get("auth").asString()).isEqualTo("bearer");
        assertThat(stored(out).headers()).containsEntry(AlertlineHeaders.AUTH_SCHEME, "bearer");
    }

    @Test
    void wrongSecretExitsOneAndShowsTheServersAnswer() {
        Result human = python(env("WEBHOOK_SECRET", "not-the-secret-0123456789"), "--url", url(),
                "--endpoint", "critical", "--alert-name", "PyWrongSecret");
        assertThat(human.exitCode()).as("%s", human).isEqualTo(1);
        assertThat(human.stdout()).isEmpty();
        assertThat(human.stderr()).contains("HTTP 401").contains(url() + "/webhook/critical")
                .contains("{\"error\":\"Unauthorized\",\"message\":\"Invalid or missing signature\"}")
                .doesNotContain("Traceback");

        Result json = python(env(), "--url", url(), "--secret", "not-the-secret-0123456789", "--json-output",
                "--endpoint", "critical", "--alert-name", "PyWrongSecret");
        assertThat(json.exitCode()).as("%s", json).isEqualTo(1);
        JsonNode out = StoredAlert.parse(json.stdout());
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("status_code").asInt()).isEqualTo(401);
        assertThat(out.get("response").get("error").asString()).isEqualTo("Unauthorized");
        assertThat(out.get("response").get("message").asString()).isEqualTo("Invalid or missing signature");
    }

    @Test
    void unreachableServerExitsOneWithoutATraceback() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String deadUrl = "http://127.0.0.1:" + closedPort;
        Result human = python(secret(), "--url", deadUrl, "--timeout", "5");
        assertThat(human.exitCode()).as("%s", human).isEqualTo(1);
        assertThat(human.stderr()).contains("request to " + deadUrl + "/webhook failed").doesNotContain("Traceback");

        Result json = python(secret(), "--url", deadUrl, "--timeout", "5", "--json-output");
        assertThat(json.exitCode()).as("%s", json).isEqualTo(1);
        JsonNode out = StoredAlert.parse(json.stdout());
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("status_code").isNull()).isTrue();
        assertThat(out.get("error").asString()).contains("refused");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--label", "no-equals-sign"), secret(), "argument --label: expected KEY=VALUE"),
                Arguments.of(List.of("--label", "=value"), secret(), "argument --label: expected KEY=VALUE"),
                Arguments.of(List.of("--annotation", "summary"), secret(), "argument --annotation: expected KEY=VALUE"),
                Arguments.of(List.of("--endpoint", "nope"), secret(), "argument --endpoint: invalid choice"),
                Arguments.of(List.of("--status", "pending"), secret(), "argument --status: invalid choice"),
                Arguments.of(List.of("--timeout", "0"), secret(), "argument --timeout: must be greater than 0"),
                Arguments.of(List.of("--alert-name", "PyNoCredentials"), env(), "no credentials"),
                Arguments.of(List.of("--secret", "a-secret-0123456789", "--bearer-token", "a-token-0123456789"), env(),
                        "mutually exclusive"),
                Arguments.of(List.of("--url", "localhost:5001"), secret(), "--url must be an http:// or https:// URL"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void usageErrorsExitTwoWithAMessageAndNoTraceback(List<String> args, Map<String, String> env, String message) {
        List<String> all = new ArrayList<>(args);
        all.add("--json-output");
        Result result = python(env, all.toArray(String[]::new));
        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.stdout()).as("nothing was sent").isEmpty();
        assertThat(result.stderr()).contains("usage:").contains(message).doesNotContain("Traceback");
    }

    @Test
    void helpListsEveryFlag() {
        Result result = python(env(), "--help");
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).contains("--url", "--secret", "--endpoint", "--alert-name", "--severity",
                "--status", "--summary", "--description", "--label", "--annotation", "--service", "--auto-recovery",
                "--gpu-id", "--gpu-component", "--database", "--timeout", "--json-output", "--bearer-token",
                "--timestamp", "{generic,critical,warning,gpu,ai,database}", "http://localhost:5001");
    }
}
