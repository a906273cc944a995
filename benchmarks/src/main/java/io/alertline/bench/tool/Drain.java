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
 * Processor throughput on a backlog: started before (or right after) a processor that finds N
 * alerts waiting in its topics, it polls {@code alertline_processor_alerts_total} until the count
 * reaches N and reports alerts/s, overall (first count seen → N) and in steady state (10 % → 90 %
 * of N), with the consumer lag over the drain.
 */
final class Drain {

    private static final String ALERTS = "alertline_processor_alerts_total";
    private static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";

    private Drain() {
    }

    static int run(Args args) throws Exception {
        String prom = args.get("prom");
        long expected = args.has("expect") ? (long) args.number("expect", 0) : expectFrom(args.get("expect-from"));
        double timeout = args.number("timeout", 300);
        double stallSeconds = args.number("stall", 30);
        double maxSeconds = args.number("max-seconds", Double.MAX_VALUE);
        long firstSeen = 0;
        long start = System.nanoTime();
        List<double[]> series = new ArrayList<>(); // t, count, lag
        List<Prometheus.Sample> last = List.of();
        double lastCount = -1;
        long lastProgress = System.nanoTime();
        String ending = "timeout";
        while ((System.nanoTime() - start) / 1e9 < timeout) {
            List<Prometheus.Sample> s;
            try {
                s = Prometheus.scrape(prom);
            } catch (Exception e) {
                Thread.sleep(200);
                continue; // not up yet
            }
            double t = (System.nanoTime() - start) / 1e9;
            double count = Prometheus.sum(s, ALERTS);
            series.add(new double[] {t, count, Prometheus.max(s, LAG)});
            last = s;
            if (count > 0 && firstSeen == 0) {
                firstSeen = System.nanoTime();
            }
            if (count != lastCount) {
                lastProgress = System.nanoTime();
                lastCount = count;
            }
            if (count >= expected && expected > 0) {
                ending = "reached";
                break;
            }
            if (firstSeen != 0 && (System.nanoTime() - firstSeen) / 1e9 >= maxSeconds) {
                ending = "time-limit";
                break;
            }
            if (count > 0 && (System.nanoTime() - lastProgress) / 1e9 > stallSeconds) {
                ending = "stalled";
                break;
            }
            Thread.sleep(200);
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "processor started with the backlog already in its topics; "
                + ALERTS + " polled every 200 ms until it reached the alerts the ingest accepted");
        out.put("expected_alerts", expected);
        out.put("ending", ending);
        out.put("max_seconds", maxSeconds == Double.MAX_VALUE ? null : maxSeconds);
        double[] first = series.stream().filter(p -> p[1] > 0).findFirst().orElse(null);
        double[] lastPoint = series.isEmpty() ? null : series.get(series.size() - 1);
        out.put("processed_alerts", lastPoint == null ? 0 : (long) lastPoint[1]);
        if (first != null && lastPoint != null && lastPoint[0] > first[0]) {
            out.put("first_alert_seen_s", Report.round(first[0]));
            out.put("drain_s", Report.round(lastPoint[0] - first[0]));
            out.put("alerts_per_s", Report.round((lastPoint[1] - first[1]) / (lastPoint[0] - first[0])));
            double[] p10 = crossing(series, 0.1 * expected);
            double[] p90 = crossing(series, 0.9 * expected);
            if (p10 != null && p90 != null && p90[0] > p10[0]) {
                out.put("alerts_per_s_steady_10_90", Report.round((p90[1] - p10[1]) / (p90[0] - p10[0])));
            }
        }
        Map<String, Long> byResult = new TreeMap<>();
        for (Prometheus.Sample s : last) {
            if (s.name().equals(ALERTS)) {
                byResult.merge(s.labels().getOrDefault("category", "?") + "/" + s.labels().getOrDefault("result", "?"),
                        (long) s.value(), Long::sum);
            }
        }
        out.put("by_category_result", byResult);
        double lagMax = 0;
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double[] p = series.get(i);
            if (!Double.isNaN(p[2])) {
                lagMax = Math.max(lagMax, p[2]);
            }
            if (i % 5 == 0 || i == series.size() - 1) {
                points.add(List.of(Report.round(p[0]), p[1], Double.isNaN(p[2]) ? -1.0 : p[2]));
            }
        }
        out.put("consumer_lag_max_records", (long) lagMax);
        out.put("series_s_alerts_lag", points);
        String json = Report.json(out);
        Files.writeString(Path.of(args.get("out")), json);
        System.out.println(json);
        return "reached".equals(ending) || "time-limit".equals(ending) ? 0 : 3;
    }

    private static double[] crossing(List<double[]> series, double level) {
        for (double[] p : series) {
            if (p[1] >= level) {
                return p;
            }
        }
        return null;
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
