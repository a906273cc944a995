package io.alertline.bench.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One phase's result from several rounds of wrk (scripts/bench.sh interleaves ceiling C and the
 * ingest in rounds, so that load from outside the benchmark falls on both alike): counts and
 * durations are summed, rates are recomputed from the sums, and each latency percentile is the
 * median of the rounds' (max: the largest). The rounds stay in {@code rounds}.
 *
 * <p>{@code --parts a.json,b.json --out merged.json}
 */
final class WrkMerge {

    private static final String[] SUMMED = {"requests", "ok", "non_200", "errors_total", "alerts_accepted",
        "payload_wraps", "bytes_read"};
    private static final String[] PERCENTILES = {"mean", "p50", "p90", "p99", "p99.9"};

    private WrkMerge() {
    }

    static int run(Args args) throws Exception {
        List<JsonNode> parts = new ArrayList<>();
        for (String file : args.get("parts").split(",")) {
            parts.add(Report.MAPPER.readTree(Files.readString(Path.of(file))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", parts.get(0).path("tool").asText() + ", " + parts.size() + " rounds merged");
        double duration = 0;
        for (JsonNode p : parts) {
            duration += p.path("duration_s").asDouble();
        }
        out.put("duration_s", Report.round(duration));
        for (String field : SUMMED) {
            long sum = 0;
            for (JsonNode p : parts) {
                sum += p.path(field).asLong();
            }
            out.put(field, sum);
        }
        out.put("rps", Report.round((Long) out.get("requests") / duration));
        out.put("alerts_per_s", Report.round((Long) out.get("alerts_accepted") / duration));
        Map<String, Object> latency = new LinkedHashMap<>();
        for (String pct : PERCENTILES) {
            double[] values = parts.stream().mapToDouble(p -> p.path("latency_ms").path(pct).asDouble()).sorted().toArray();
            latency.put(pct, Report.round(median(values)));
        }
        latency.put("max", Report.round(parts.stream().mapToDouble(p -> p.path("latency_ms").path("max").asDouble())
                .max().orElse(Double.NaN)));
        out.put("latency_ms", latency);
        out.put("latency_note", "each percentile is the median of the rounds' percentiles");
        String firstError = parts.stream().map(p -> p.path("first_error").asText("")).filter(s -> !s.isEmpty())
                .findFirst().orElse("");
        out.put("first_error", firstError);
        out.put("rounds", parts);
        Files.writeString(Path.of(args.get("out")), Report.json(out));
        return 0;
    }

    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(sorted, sorted.length);
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
