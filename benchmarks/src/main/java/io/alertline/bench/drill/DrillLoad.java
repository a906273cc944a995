package io.alertline.bench.drill;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.alertline.common.auth.WebhookSigner;

/**
 * The drill's steady load: one signed single-alert request every {@code 1/rate} seconds, open
 * loop (request i leaves at start + i/rate whatever happened to the earlier ones), with a 10 s
 * client timeout like Alertmanager's and no retry, so every 503 is seen. Every
 * {@code criticalEvery}-th request is a critical alert that runs a recovery script; the others
 * are warnings. One line per request is written: seq, alertname, sent-at (ms since the epoch),
 * status (0: no answer), latency ms, and for a 200 the request id, partition and offset.
 */
final class DrillLoad {

    /** Compiled once: the three fields of a 200 answer the verification needs. */
    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\":\"([^\"]+)\"");
    private static final Pattern PARTITION = Pattern.compile("\"partition\":(\\d+)");
    private static final Pattern OFFSET = Pattern.compile("\"offset\":(\\d+)");

    private DrillLoad() {
    }

    static int run(String base, String secret, double rate, double seconds, int criticalEvery, String run, Path out)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        int total = (int) Math.round(rate * seconds);
        List<CompletableFuture<String>> results = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int seq = 0; seq < total; seq++) {
            long due = start + (long) (seq * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean critical = criticalEvery > 0 && seq % criticalEvery == 0;
            String alertname = (critical ? "drill-crit-" : "drill-warn-") + run + "-" + seq;
            results.add(send(http, base, secret, critical, alertname, seq));
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (CompletableFuture<String> r : results) {
                w.write(r.get());
                w.write('\n');
            }
        }
        return 0;
    }

    private static CompletableFuture<String> send(HttpClient http, String base, String secret, boolean critical,
            String alertname, int seq) {
        String body = body(critical, alertname);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + (critical ? "/webhook/critical" : "/webhook/warning")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Signature", WebhookSigner.xSignature(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        long sentAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    long latencyMs = (System.nanoTime() - t0) / 1_000_000;
                    int status = response == null ? 0 : response.statusCode();
                    String requestId = "-";
                    String partition = "-";
                    String offset = "-";
                    if (status == 200) {
                        requestId = group(REQUEST_ID, response.body());
                        partition = group(PARTITION, response.body());
                        offset = group(OFFSET, response.body());
                    }
                    return String.join("\t", Integer.toString(seq), alertname, Long.toString(sentAt),
                            Integer.toString(status), Long.toString(latencyMs), requestId, partition, offset);
                });
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "-";
    }

    /** A firing Alertmanager-shaped body; a critical one asks for the ollama recovery script. */
    static String body(boolean critical, String alertname) {
        String labels = critical
                ? "\"alertname\":\"" + alertname + "\",\"severity\":\"critical\",\"service\":\"ollama\""
                : "\"alertname\":\"" + alertname + "\",\"severity\":\"warning\",\"service\":\"drill\"";
        String annotations = critical ? "{\"recovery\":\"auto\",\"summary\":\"drill\"}" : "{\"summary\":\"drill\"}";
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"drill\",\"groupKey\":\"" + alertname + "\","
                + "\"alerts\":[{\"status\":\"firing\",\"labels\":{" + labels + "},\"annotations\":" + annotations
                + ",\"startsAt\":\"2026-11-29T00:00:00Z\",\"fingerprint\":\"" + alertname + "\"}]}";
    }
}
