package io.alertline.bench.tool;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.alertline.bench.Payloads;
import io.alertline.common.auth.WebhookSigner;

/**
 * The command-line tools of scripts/bench.sh:
 * <pre>
 *   payloads   --run ID --count N --out FILE [--bodies FILE [--bodies-count N]] [--from SEQ]
 *              (the secret comes from $WEBHOOK_SECRET, never from the command line)
 *   fixed-rate --base URL --payloads FILE (--rate REQ_PER_S | --alert-rate ALERTS_PER_S) --duration S
 *              [--warmup S] [--processor-prom URL] [--ingest-prom URL] [--kafka BOOTSTRAP] --out FILE
 *   drain      --prom URL (--expect N | --expect-from a.json,b.json) [--timeout S] [--max-seconds S]
 *              [--kafka BOOTSTRAP] --out FILE
 *              (--kafka: consumer lag from the broker; --group and --topic-prefix as the services')
 *   scrape     --url URL --out FILE
 *   hist       --before FILE --after FILE --metric BASE_NAME   (plus the JVM's GC pauses in between)
 *   jfr        --file RECORDING.jfr --out FILE.json [--text FILE.txt] [--top N]
 *   machine    --out FILE [--load-before "1m 5m 15m"]
 *   report     --dir RESULTS_DIR [--mode full|smoke]
 * </pre>
 */
public final class BenchTool {

    private BenchTool() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: BenchTool payloads|fixed-rate|drain|scrape|hist|jfr|machine|report|kafka-records|wrk-merge [--options]");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        int code = switch (argv[0]) {
            case "payloads" -> payloads(args);
            case "fixed-rate" -> FixedRateLoad.run(args);
            case "drain" -> Drain.run(args);
            case "scrape" -> {
                Files.writeString(Path.of(args.get("out")), Prometheus.fetch(args.get("url")));
                yield 0;
            }
            case "hist" -> {
                List<Prometheus.Sample> before = Prometheus.parse(Files.readString(Path.of(args.get("before"))));
                List<Prometheus.Sample> after = Prometheus.parse(Files.readString(Path.of(args.get("after"))));
                Map<String, Object> out = Prometheus.histogramSummary(before, after, args.get("metric"));
                out.put("jvm_gc", Prometheus.gcSummary(before, after));
                System.out.println(Report.json(out));
                yield 0;
            }
            case "jfr" -> JfrSummary.run(args);
            case "machine" -> Machine.run(args);
            case "report" -> Report.run(args);
            case "kafka-records" -> KafkaRecords.run(args);
            case "wrk-merge" -> WrkMerge.run(args);
            default -> throw new IllegalArgumentException("unknown command " + argv[0]);
        };
        System.exit(code);
    }

    /**
     * Writes {@code count} distinct signed requests, one per line: path, X-Signature, alert count
     * and the body, tab-separated (the wrk script and fixed-rate read this), and optionally the
     * bare bodies, one per line, for Kafka's ProducerPerformance --payload-file.
     */
    static int payloads(Args args) throws IOException {
        String secret = System.getenv("WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("WEBHOOK_SECRET is not set");
        }
        secret = secret.split(",")[0].trim();
        String run = args.get("run");
        long count = (long) args.number("count", 1000);
        long from = (long) args.number("from", 0);
        long bodiesCount = (long) args.number("bodies-count", Long.MAX_VALUE);
        long alerts = 0;
        long bytes = 0;
        int minBytes = Integer.MAX_VALUE;
        int maxBytes = 0;
        Map<String, Long> perPath = new LinkedHashMap<>();
        BufferedWriter bodies = args.has("bodies")
                ? Files.newBufferedWriter(Path.of(args.get("bodies")), StandardCharsets.UTF_8) : null;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args.get("out")), StandardCharsets.UTF_8)) {
            for (long seq = from; seq < from + count; seq++) {
                Payloads.Body body = Payloads.body(run, seq);
                String json = new String(body.json(), StandardCharsets.UTF_8);
                if (json.indexOf('\t') >= 0 || json.indexOf('\n') >= 0) {
                    throw new IllegalStateException("generated body contains a tab or newline");
                }
                out.write(body.path());
                out.write('\t');
                out.write(WebhookSigner.xSignature(secret, body.json()));
                out.write('\t');
                out.write(Integer.toString(body.alerts()));
                out.write('\t');
                out.write(json);
                out.write('\n');
                if (bodies != null && seq - from < bodiesCount) {
                    bodies.write(json);
                    bodies.write('\n');
                }
                alerts += body.alerts();
                bytes += body.json().length;
                minBytes = Math.min(minBytes, body.json().length);
                maxBytes = Math.max(maxBytes, body.json().length);
                perPath.merge(body.path(), 1L, Long::sum);
            }
        } finally {
            if (bodies != null) {
                bodies.close();
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", run);
        summary.put("requests", count);
        summary.put("alerts", alerts);
        summary.put("mean_alerts_per_request", Report.round((double) alerts / count));
        summary.put("mean_body_bytes", Report.round((double) bytes / count));
        summary.put("min_body_bytes", minBytes);
        summary.put("max_body_bytes", maxBytes);
        summary.put("paths", perPath);
        System.out.println(Report.json(summary));
        return 0;
    }

    /** Lines of a payload file: path, signature, alert count, body. */
    record SignedRequest(String path, String signature, int alerts, byte[] body) {
    }

    static List<SignedRequest> readPayloads(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty())
                .map(line -> {
                    String[] f = line.split("\t", 4);
                    return new SignedRequest(f[0], f[1], Integer.parseInt(f[2]), f[3].getBytes(StandardCharsets.UTF_8));
                })
                .toList();
    }
}
