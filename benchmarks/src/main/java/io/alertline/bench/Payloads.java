package io.alertline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager-shaped (webhook v4) bodies for the benchmarks: 1–10 alerts each, every alert with
 * its own labels, {@code startsAt} and {@code fingerprint}, so every generated alert has its own
 * idempotency key and the processor treats none as a duplicate. Deterministic for a given
 * (run id, sequence number).
 */
public final class Payloads {

    /** The log-only endpoints (no recovery scripts, no notifications): the only ones load goes to. */
    public static final List<String> LOG_ONLY_PATHS = List.of("/webhook", "/webhook/gpu", "/webhook/ai",
            "/webhook/database");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final String[][] KINDS = {
        {"GpuTemperatureHigh", "warning", "dcgm", "GPU temperature is above 85C"},
        {"GpuMemoryExhausted", "critical", "dcgm", "GPU memory usage above 95%"},
        {"ModelLatencyHigh", "warning", "ollama", "Inference p99 latency above 2s"},
        {"EmbeddingQueueBacklog", "info", "openwebui", "Embedding queue longer than 1000 items"},
        {"PostgresReplicationLag", "warning", "postgres", "Replica is more than 30s behind"},
        {"PostgresConnectionsHigh", "critical", "postgres", "Connection pool above 90% of max_connections"},
        {"DiskWillFillIn4Hours", "warning", "node", "Filesystem predicted to fill within 4 hours"},
        {"TargetDown", "critical", "prometheus", "Scrape target has been down for 5 minutes"},
    };

    private Payloads() {
    }

    /** One generated body. */
    public record Body(String path, int alerts, byte[] json) {
    }

    /** The number of alerts of request {@code seq}: 1–10, uniformly, mean 5.5. */
    public static int alertCount(String runId, long seq) {
        return 1 + new SplittableRandom(seed(runId, seq)).nextInt(10);
    }

    /** Request {@code seq} of run {@code runId}, with {@link #alertCount} alerts, to a log-only endpoint. */
    public static Body body(String runId, long seq) {
        return body(runId, seq, alertCount(runId, seq));
    }

    public static Body body(String runId, long seq, int alerts) {
        SplittableRandom random = new SplittableRandom(seed(runId, seq) ^ 0x5DEECE66DL);
        String path = LOG_ONLY_PATHS.get((int) Math.floorMod(seq, (long) LOG_ONLY_PATHS.size()));
        String[] kind = KINDS[random.nextInt(KINDS.length)];
        String alertname = kind[0];
        boolean resolved = random.nextInt(5) == 0;
        String status = resolved ? "resolved" : "firing";
        Instant startsAt = BASE.plusMillis(seq * 7 + random.nextInt(1000));
        String cluster = "cluster-" + random.nextInt(4);

        List<Map<String, Object>> alertList = new ArrayList<>(alerts);
        for (int i = 0; i < alerts; i++) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("alertname", alertname);
            labels.put("severity", kind[1]);
            labels.put("job", kind[2]);
            labels.put("cluster", cluster);
            labels.put("instance", "node-" + random.nextInt(500) + ":9" + (100 + i));
            labels.put("bench_run", runId);
            labels.put("bench_seq", Long.toString(seq));
            labels.put("bench_alert", Integer.toString(i));
            Map<String, Object> annotations = new LinkedHashMap<>();
            annotations.put("summary", kind[3]);
            annotations.put("description", kind[3] + " on " + labels.get("instance") + " (" + cluster
                    + "), value " + random.nextInt(100_000) / 100.0);
            annotations.put("runbook_url", "https://runbooks.example.org/" + alertname);
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("status", status);
            alert.put("labels", labels);
            alert.put("annotations", annotations);
            alert.put("startsAt", startsAt.plusMillis(i).toString());
            alert.put("endsAt", resolved ? startsAt.plusSeconds(300).toString() : "0001-01-01T00:00:00Z");
            alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=" + alertname + "&g0.tab=1");
            alert.put("fingerprint", String.format("%016x", seed(runId, seq) * 31 + i));
            alertList.add(alert);
        }
        Map<String, Object> groupLabels = new LinkedHashMap<>();
        groupLabels.put("alertname", alertname);
        groupLabels.put("bench_seq", Long.toString(seq));
        Map<String, Object> commonLabels = new LinkedHashMap<>(groupLabels);
        commonLabels.put("severity", kind[1]);
        commonLabels.put("job", kind[2]);
        commonLabels.put("cluster", cluster);
        commonLabels.put("bench_run", runId);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("receiver", "alertline");
        root.put("status", status);
        root.put("alerts", alertList);
        root.put("groupLabels", groupLabels);
        root.put("commonLabels", commonLabels);
        root.put("commonAnnotations", Map.of("summary", kind[3]));
        root.put("externalURL", "http://alertmanager:9093");
        root.put("version", "4");
        root.put("groupKey", "{}:{alertname=\"" + alertname + "\", bench_run=\"" + runId + "\", bench_seq=\"" + seq
                + "\"}");
        root.put("truncatedAlerts", 0);
        return new Body(path, alerts, MAPPER.writeValueAsBytes(root));
    }

    private static long seed(String runId, long seq) {
        return runId.hashCode() * 0x9E3779B97F4A7C15L + seq;
    }
}
