package io.alertline.bench.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processor throughput on a backlog: started before a processor that finds N alerts waiting in
 * its topics, it polls {@code alertline_processor_alerts_total} every 200 ms until the count
 * reaches N (or {@code --max-seconds} after the first alert) and reports alerts/s, with the
 * consumer lag over the drain.
 *
 * <p>A processor in trouble (a full heap, say) answers its metrics endpoint late or stops
 * counting: a gap of more than {@value #STALL_SECONDS} s between two answers, or that long
 * without progress, is reported as a stall, and the headline rate is the one before it.
 */
final class Drain {

    private static final String ALERTS = "alertline_processor_alerts_total";
    private static final double STALL_SECONDS = 5;

    private Drain() {
    }

    static int run(Args args) throws Exception {
        String prom = args.get("prom");
        long expected = args.has("expect") ? (long) args.number("expect", 0) : expectFrom(args.get("expect-from"));
        double timeout = args.number("timeout", 300);
        double stallLimit = args.number("stall", 30);
        double maxSeconds = args.number("max-seconds", Double.MAX_VALUE);
        KafkaLag kafkaLag = args.has("kafka") ? new KafkaLag(args.get("kafka"),
                args.get("group", "alertline-processor"), args.get("topic-prefix", "alerts")) : null;
        long start = System.nanoTime();
        List<double[]> series = new ArrayList<>(); // t, count, total lag
        List<Prometheus.Sample> last = List.of();
        double firstSeen = -1;
        double lastProgress = 0;
        double lastCount = -1;
        String ending = "timeout";
        while ((System.nanoTime() - start) / 1e9 < timeout) {
            List<Prometheus.Sample> s;
            try {
                s = Prometheus.scrape(prom, Prometheus.processorToken());
            } catch (Exception e) {
                Thread.sleep(200);
                continue; // not up yet, or too busy to answer
            }
            double t = (System.nanoTime() - start) / 1e9;
            double count = Prometheus.sum(s, ALERTS);
            double lag = kafkaLag != null ? kafkaLag.total() : Prometheus.consumerLag(s)[0];
            series.add(new double[] {t, count, lag});
            last = s;
            if (count > 0 && firstSeen < 0) {
                firstSeen = t;
            }
            if (count != lastCount) {
                lastProgress = t;
                lastCount = count;
            }
            if (count >= expected && expected > 0) {
                ending = "reached";
                break;
            }
            if (firstSeen >= 0 && t - firstSeen >= maxSeconds) {
                ending = "time-limit";
                break;
            }
            if (count > 0 && t - lastProgress > stallLimit) {
                ending = "stalled";
                break;
            }
            Thread.sleep(200);
        }

        double endedAt = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "processor started with the backlog already in its topics; " + ALERTS
                + " polled every 200 ms until it reached the alerts the ingest accepted, or max_seconds");
        out.put("expected_alerts", expected);
        out.put("ending", ending);
        out.put("max_seconds", maxSeconds == Double.MAX_VALUE ? null : maxSeconds);
        double[] lastPoint = series.isEmpty() ? null : series.get(series.size() - 1);
        out.put("processed_alerts", lastPoint == null ? 0 : (long) lastPoint[1]);

        // the first stall: a late answer or no progress for STALL_SECONDS while alerts were waiting
        int firstIndex = -1;
        int goodEnd = -1;
        double stallAt = -1;
        for (int i = 0; i < series.size(); i++) {
            double[] p = series.get(i);
            if (firstIndex < 0) {
                if (p[1] > 0) {
                    firstIndex = i;
                    goodEnd = i;
                }
                continue;
            }
            double[] prev = series.get(i - 1);
            boolean lateAnswer = p[0] - prev[0] > STALL_SECONDS;
            boolean noProgress = p[1] == series.get(goodEnd)[1] && p[0] - series.get(goodEnd)[0] > STALL_SECONDS
                    && p[1] < expected;
            if (lateAnswer || noProgress) {
                stallAt = prev[0];
                break;
            }
            if (p[1] > series.get(goodEnd)[1]) {
                goodEnd = i;
            }
        }
        if (firstIndex >= 0 && lastPoint != null) {
            double[] first = series.get(firstIndex);
            out.put("first_alert_seen_s", Report.round(first[0]));
            if (lastPoint[0] > first[0]) {
                out.put("drain_s", Report.round(lastPoint[0] - first[0]));
                out.put("alerts_per_s_overall", Report.round((lastPoint[1] - first[1]) / (lastPoint[0] - first[0])));
            }
            double[] good = series.get(goodEnd);
            if (good[0] > first[0]) {
                out.put("alerts_per_s", Report.round((good[1] - first[1]) / (good[0] - first[0])));
                out.put("alerts_per_s_window_s", Report.round(good[0] - first[0]));
                out.put("alerts_in_window", (long) (good[1] - first[1]));
            }
            out.put("best_10s_alerts_per_s", Report.round(best(series, firstIndex, 10)));
        }
        String stallKind = "late answer or no progress";
        if (stallAt < 0 && firstIndex >= 0 && lastPoint != null && lastPoint[1] < expected
                && endedAt - lastPoint[0] > STALL_SECONDS) {
            stallAt = lastPoint[0]; // it stopped answering altogether
            stallKind = "stopped answering its metrics endpoint";
        }
        out.put("stalled", stallAt >= 0);
        if (stallAt >= 0) {
            out.put("stall_after_s", Report.round(stallAt - series.get(firstIndex)[0]));
            out.put("stall_kind", stallKind);
            out.put("stall_note", "with alerts waiting, the processor answered its metrics endpoint late, stopped "
                    + "counting or stopped answering; alerts_per_s is the rate before that");
        }
        Map<String, Long> byResult = new TreeMap<>();
        for (Prometheus.Sample s : last) {
            if (s.name().equals(ALERTS)) {
                byResult.merge(s.labels().getOrDefault("category", "?") + "/" + s.labels().getOrDefault("result", "?"),
                        (long) s.value(), Long::sum);
            }
        }
        out.put("by_category_result", byResult);
        double lagMax = Double.NaN;
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double[] p = series.get(i);
            if (!Double.isNaN(p[2])) {
                lagMax = Double.isNaN(lagMax) ? p[2] : Math.max(lagMax, p[2]);
            }
            if (i % 5 == 0 || i == series.size() - 1) {
                points.add(List.of(Report.round(p[0]), p[1], Double.isNaN(p[2]) ? -1.0 : p[2]));
            }
        }
        if (kafkaLag != null) {
            kafkaLag.close();
        }
        out.put("consumer_lag_metric", (kafkaLag != null
                ? "end offsets minus the processor groups' committed offsets, from the broker"
                : "kafka_consumer_fetch_manager_records_lag summed over partitions")
                + ", log-only category topics, in records (requests)");
        out.put("consumer_lag_max_records", Double.isNaN(lagMax) ? null : (long) lagMax);
        out.put("consumer_lag_at_end_records", lastPoint == null || Double.isNaN(lastPoint[2]) ? null : (long) lastPoint[2]);
        out.put("series_s_alerts_lag", points);
        String json = Report.json(out);
        Files.writeString(Path.of(args.get("out")), json);
        System.out.println(json);
        return "reached".equals(ending) || "time-limit".equals(ending) ? 0 : 3;
    }

    /** The best rate over any window of at least {@code seconds} (NaN if the series is shorter). */
    private static double best(List<double[]> series, int from, double seconds) {
        double best = Double.NaN;
        int j = from;
        for (int i = from; i < series.size(); i++) {
            while (j < i && series.get(i)[0] - series.get(j + 1)[0] >= seconds) {
                j++;
            }
            double dt = series.get(i)[0] - series.get(j)[0];
            if (dt >= seconds) {
                double rate = (series.get(i)[1] - series.get(j)[1]) / dt;
                best = Double.isNaN(best) ? rate : Math.max(best, rate);
            }
        }
        return best;
    }

    /** Sum of "alerts_accepted" over the given result files (missing files count 0). */
    static long expectFrom(String files) throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        long total = 0;
        for (String f : files.split(",")) {
            Path p = Path.of(f.trim());
            if (Files.exists(p)) {
                JsonNode node = mapper.readTree(Files.readString(p));
                JsonNode accepted = node.get("alerts_accepted");
                if (accepted != null) {
                    total += accepted.asLong();
                }
            }
        }
        return total;
    }
}
