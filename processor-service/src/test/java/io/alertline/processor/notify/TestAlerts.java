package io.alertline.processor.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts and helpers shared by the notifier tests. */
public final class TestAlerts {

    public static final Instant STARTS_AT = Instant.parse("2025-11-29T10:00:00.123456789Z");
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private TestAlerts() {
    }

    /** The seed's warning example, every field set. */
    public static AlertMessage warning() {
        return new AlertMessage("HighMemoryUsage", "warning", "Memory usage above 75%", "Used: 24GB/32GB",
                "ollama", "resources", "gpu-server", "firing", STARTS_AT, "req-1");
    }

    public static AlertMessage critical() {
        return new AlertMessage("OllamaServiceDown", "critical", "Ollama service is down", "no answer on :11434",
                "ollama", "ai", "ollama:11434", "firing", STARTS_AT, "req-2");
    }

    public static AlertMessage resolved() {
        return new AlertMessage("HighMemoryUsage", "warning", "Memory usage above 75%", "Used: 24GB/32GB",
                "ollama", "resources", "gpu-server", "resolved", STARTS_AT.plusSeconds(600), "req-3");
    }

    /** Only what is guaranteed: every optional field null. */
    public static AlertMessage bare() {
        return new AlertMessage("Bare", null, null, null, null, null, null, "firing", null, null);
    }

    public static AlertMessage withText(String summary, String description) {
        return new AlertMessage("Hostile", "warning", summary, description,
                "svc", "cat", "inst", "firing", STARTS_AT, "req-4");
    }

    /** A group the way Alertmanager sends one: grouped by alertname, with its links back. */
    public static GroupMessage group(AlertMessage... alerts) {
        return new GroupMessage("req-g", "warning", "team-db", java.util.Map.of("alertname", alerts[0].alertname()),
                java.util.Map.of("alertname", alerts[0].alertname(), "team", "db"), "http://alertmanager.test:9093",
                java.util.List.of(alerts), 0);
    }

    /** {@code n} firing alerts of one group, each with a long summary and description and a source link. */
    public static GroupMessage storm(int n) {
        AlertMessage[] alerts = new AlertMessage[n];
        for (int i = 0; i < n; i++) {
            alerts[i] = new AlertMessage("DiskFilling", "warning", "Disk of db" + i + " is " + "filling up ".repeat(20),
                    "The disk <of> db" + i + " & its *friends* ".repeat(20), "postgres", "warning", "db" + i + ":9100",
                    "firing", STARTS_AT, "req-g", "http://prometheus.test:9090/graph?g0.expr=disk&i=" + i,
                    java.util.Map.of("alertname", "DiskFilling", "instance", "db" + i + ":9100"));
        }
        return group(alerts);
    }

    public static HttpClient http() {
        return HTTP;
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
