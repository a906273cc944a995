package io.alertline.bench.tool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal reader of the Prometheus text format that Micrometer's registry serves. */
final class Prometheus {

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private Prometheus() {
    }

    /**
     * The processor's read-only metrics token ({@code PROCESSOR_METRICS_TOKEN}, which scripts/bench.sh
     * exports), or null when unset: with a token configured the processor's actuator wants it.
     * Only ever sent to the processor's URLs.
     */
    static String processorToken() {
        String token = System.getenv("PROCESSOR_METRICS_TOKEN");
        return token == null || token.isBlank() ? null : token;
    }

    static String fetch(String url) throws IOException, InterruptedException {
        return fetch(url, null);
    }

    static String fetch(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    static List<Sample> scrape(String url) throws IOException, InterruptedException {
        return scrape(url, null);
    }

    static List<Sample> scrape(String url, String bearer) throws IOException, InterruptedException {
        return parse(fetch(url, bearer));
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < line.indexOf(' ')) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                Matcher m = LABEL.matcher(line.substring(brace + 1, close));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
                space = close + 1;
            } else {
                space = line.indexOf(' ');
                name = line.substring(0, space);
            }
            String[] rest = line.substring(space).trim().split(" ");
            samples.add(new Sample(name, labels, value(rest[0])));
        }
        return samples;
    }

    static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    static double sum(List<Sample> samples, String name, Predicate<Map<String, String>> filter) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && filter.test(s.labels()) && !Double.isNaN(s.value())) {
                total += s.value();
            }
        }
        return total;
    }

    static double sum(List<Sample> samples, String name) {
        return sum(samples, name, l -> true);
    }

    /** The largest non-NaN value of {@code name}, or NaN when there is none. */
    static double max(List<Sample> samples, String name) {
        double max = Double.NaN;
        for (Sample s : samples) {
            if (s.name().equals(name) && !Double.isNaN(s.value()) && (Double.isNaN(max) || s.value() > max)) {
                max = s.value();
            }
        }
        return max;
    }

    /**
     * The processor's consumer lag in records, from {@code kafka_consumer_fetch_manager_records_lag}
     * (per partition, current): {total over all partitions, largest partition}; NaN when the
     * consumers report none yet. Kafka also emits each series under a deprecated topic name with
     * underscores; those are skipped so nothing is counted twice.
     */
    static double[] consumerLag(List<Sample> samples) {
        double total = 0;
        double max = Double.NaN;
        boolean any = false;
        for (Sample s : samples) {
            if (!s.name().equals("kafka_consumer_fetch_manager_records_lag") || Double.isNaN(s.value())) {
                continue;
            }
            String topic = s.labels().get("topic");
            if (topic == null || !topic.contains(".") || !s.labels().containsKey("partition")) {
                continue;
            }
            any = true;
            total += s.value();
            max = Double.isNaN(max) ? s.value() : Math.max(max, s.value());
        }
        return any ? new double[] {total, max} : new double[] {Double.NaN, Double.NaN};
    }

    /** Cumulative bucket counts of histogram {@code base} (without _bucket), summed over all series, by le. */
    static TreeMap<Double, Double> buckets(List<Sample> samples, String base) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(base + "_bucket") && s.labels().containsKey("le")) {
                buckets.merge(value(s.labels().get("le")), s.value(), Double::sum);
            }
        }
        return buckets;
    }

    /** after − before, bucket by bucket. */
    static TreeMap<Double, Double> diff(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> d = new TreeMap<>();
        after.forEach((le, count) -> d.put(le, count - before.getOrDefault(le, 0.0)));
        return d;
    }

    /**
     * Quantile {@code q} of a cumulative histogram, linearly interpolated inside the bucket that
     * holds it (as Prometheus' histogram_quantile does); NaN when the histogram is empty.
     */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerLe = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerLe; // beyond the last finite bucket: its bound is all we know
                }
                double inBucket = e.getValue() - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerLe + (e.getKey() - lowerLe) * fraction;
            }
            lowerLe = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerLe;
    }

    /** GC pauses between two scrapes of one JVM (Micrometer's jvm_gc_pause timer, all collectors). */
    static Map<String, Object> gcSummary(List<Sample> before, List<Sample> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pauses", (long) (sum(after, "jvm_gc_pause_seconds_count") - sum(before, "jvm_gc_pause_seconds_count")));
        out.put("pause_total_ms", Report.round((sum(after, "jvm_gc_pause_seconds_sum")
                - sum(before, "jvm_gc_pause_seconds_sum")) * 1000));
        out.put("pause_max_ms_recent_window", Report.round(max(after, "jvm_gc_pause_seconds_max") * 1000));
        double used = sum(after, "jvm_memory_used_bytes", l -> "heap".equals(l.get("area")));
        out.put("heap_used_mb_at_end", Report.round(used / 1048576.0));
        return out;
    }

    /** count, mean and percentiles (in ms) of the histogram difference after − before of {@code base}. */
    static Map<String, Object> histogramSummary(List<Sample> before, List<Sample> after, String base) {
        TreeMap<Double, Double> d = diff(buckets(before, base), buckets(after, base));
        double count = sum(after, base + "_count") - sum(before, base + "_count");
        double sumSeconds = sum(after, base + "_sum") - sum(before, base + "_sum");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", base);
        out.put("count", (long) count);
        out.put("mean_ms", count > 0 ? Report.round(sumSeconds / count * 1000) : null);
        for (double[] p : new double[][] {{0.5, 50}, {0.9, 90}, {0.99, 99}, {0.999, 99.9}}) {
            double v = quantile(d, p[0]);
            out.put("p" + Report.pctName(p[1]) + "_ms", Double.isNaN(v) ? null : Report.round(v * 1000));
        }
        out.put("max_ms_recent_window", Report.round(max(after, base + "_max") * 1000));
        out.put("note", "percentiles interpolated inside Micrometer's histogram buckets (about 10% wide)");
        return out;
    }
}
