package io.alertline.bench.tool;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop, constant-rate load (what wrk2 does, which Debian does not package): request i is
 * due at {@code start + i / rate}, is sent then whatever happened to earlier ones, and its latency
 * is measured from that due time ("corrected", free of coordinated omission) as well as from the
 * moment it actually left ("uncorrected"). Requests in the first {@code --warmup} seconds are sent
 * but not counted.
 *
 * <p>With {@code --processor-prom}, the processor's end-to-end histogram is read at the end of
 * the warm-up and again once the processor has caught up, and its consumer lag is sampled every
 * second; with {@code --ingest-prom}, the ingest's publish-latency histogram likewise.
 */
final class FixedRateLoad {

    private static final String E2E = "alertline_processor_end_to_end_seconds";
    private static final String PUBLISH = "alertline_ingest_publish_latency_seconds";
    private static final String ALERTS = "alertline_processor_alerts_total";

    private FixedRateLoad() {
    }

    static int run(Args args) throws Exception {
        String base = args.get("base");
        List<BenchTool.SignedRequest> payloads = BenchTool.readPayloads(Path.of(args.get("payloads")));
        double meanAlerts = payloads.stream().mapToInt(BenchTool.SignedRequest::alerts).average().orElse(1);
        double rate = args.has("rate") ? args.number("rate", 0) : args.number("alert-rate", 0) / meanAlerts;
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate or --alert-rate must be positive");
        }
        double warmupSeconds = args.number("warmup", 0);
        double durationSeconds = args.number("duration", 10);
        String processorProm = args.get("processor-prom", null);
        String ingestProm = args.get("ingest-prom", null);
        KafkaLag kafkaLag = args.has("kafka") ? new KafkaLag(args.get("kafka"),
                args.get("group", "alertline-processor"), args.get("topic-prefix", "alerts")) : null;

        int warmupCount = (int) Math.round(rate * warmupSeconds);
        int total = warmupCount + (int) Math.round(rate * durationSeconds);
        if (total > payloads.size()) {
            System.err.printf("fixed-rate: %d requests but only %d distinct payloads: some are sent twice%n", total,
                    payloads.size());
        }
        ExecutorService clientPool = Executors.newFixedThreadPool(2, daemon("fixed-rate-client"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<HttpRequest> requests = new ArrayList<>(payloads.size());
        for (BenchTool.SignedRequest p : payloads) {
            requests.add(HttpRequest.newBuilder(URI.create(base + p.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Signature", p.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()))
                    .build());
        }

        long[] corrected = new long[total];
        long[] uncorrected = new long[total];
        int[] status = new int[total];
        AtomicLong alertsAccepted = new AtomicLong();
        AtomicLong measuredAlerts = new AtomicLong();
        List<String> errorSamples = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(total);

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("fixed-rate-sampler"));
        List<double[]> lagSeries = new ArrayList<>();
        Map<String, List<Prometheus.Sample>> scrapes = new LinkedHashMap<>();
        double periodNanos = 1e9 / rate;
        long start = System.nanoTime() + 200_000_000L;
        long measureStart = start + (long) (warmupCount * periodNanos);
        if (processorProm != null || ingestProm != null) {
            sampler.schedule(() -> {
                scrapeInto(scrapes, "processor.before", processorProm, Prometheus.processorToken());
                scrapeInto(scrapes, "ingest.before", ingestProm, null);
            }, measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        if (processorProm != null) {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    double lag = kafkaLag != null ? kafkaLag.total()
                            : Prometheus.consumerLag(Prometheus.scrape(processorProm, Prometheus.processorToken()))[0];
                    synchronized (lagSeries) {
                        lagSeries.add(new double[] {(System.nanoTime() - start) / 1e9, lag});
                    }
                } catch (Exception e) {
                    // a missed sample is only a gap in the series
                }
            }, 1000, 1000, TimeUnit.MILLISECONDS);
        }

        long lateSends = 0;
        long maxLateNanos = 0;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * periodNanos);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            long late = now - due;
            if (late > 1_000_000) {
                lateSends++;
            }
            maxLateNanos = Math.max(maxLateNanos, late);
            final int index = i;
            final BenchTool.SignedRequest payload = payloads.get(i % payloads.size());
            long sent = System.nanoTime();
            client.sendAsync(requests.get(i % requests.size()), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, error) -> {
                        long end = System.nanoTime();
                        corrected[index] = end - due;
                        uncorrected[index] = end - sent;
                        if (error != null) {
                            status[index] = -1;
                            sample(errorSamples, error.toString());
                        } else {
                            status[index] = response.statusCode();
                            if (response.statusCode() == 200) {
                                alertsAccepted.addAndGet(payload.alerts());
                                if (index >= warmupCount) {
                                    measuredAlerts.addAndGet(payload.alerts());
                                }
                            } else {
                                sample(errorSamples, response.statusCode() + " " + new String(response.body()));
                            }
                        }
                        done.countDown();
                    });
        }
        long sendEnd = System.nanoTime();
        boolean finished = done.await(60, TimeUnit.SECONDS);
        long answeredEnd = System.nanoTime();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", "fixed-rate (open loop, java.net.http, HTTP/1.1)");
        out.put("target_rate_rps", Report.round(rate));
        out.put("target_alert_rate", Report.round(rate * meanAlerts));
        out.put("warmup_s", warmupSeconds);
        out.put("duration_s", durationSeconds);
        int measured = total - warmupCount;
        double measuredSeconds = (sendEnd - measureStart) / 1e9;
        out.put("requests", measured);
        out.put("achieved_send_rate_rps", Report.round(measured / measuredSeconds));
        long ok = 0;
        long errors = 0;
        long unanswered = 0;
        for (int i = warmupCount; i < total; i++) {
            if (status[i] == 200) {
                ok++;
            } else if (status[i] == 0) {
                unanswered++;
            } else {
                errors++;
            }
        }
        out.put("ok", ok);
        long okTotal = ok;
        for (int i = 0; i < warmupCount; i++) {
            okTotal += status[i] == 200 ? 1 : 0;
        }
        out.put("ok_total", okTotal); // warm-up included: every one of them wrote a record
        out.put("errors", errors + unanswered);
        out.put("unanswered_after_60s", unanswered);
        out.put("alerts_accepted", alertsAccepted.get());
        out.put("alerts_accepted_measured", measuredAlerts.get());
        out.put("sends_more_than_1ms_late", lateSends);
        out.put("max_send_lateness_ms", Report.round(maxLateNanos / 1e6));
        out.put("latency_corrected_ms", percentiles(corrected, warmupCount, total, status));
        out.put("latency_uncorrected_ms", percentiles(uncorrected, warmupCount, total, status));
        out.put("slow_by_second", slowBySecond(corrected, warmupCount, total, status, rate));
        synchronized (errorSamples) {
            out.put("error_samples", new ArrayList<>(errorSamples));
        }
        if (!finished) {
            System.err.println("fixed-rate: some requests had no answer after 60 s");
        }

        if (ingestProm != null) {
            scrapeInto(scrapes, "ingest.after", ingestProm, null);
            if (scrapes.containsKey("ingest.before") && scrapes.containsKey("ingest.after")) {
                out.put("ingest_publish_latency", Prometheus.histogramSummary(scrapes.get("ingest.before"),
                        scrapes.get("ingest.after"), PUBLISH));
                out.put("ingest_gc", Prometheus.gcSummary(scrapes.get("ingest.before"), scrapes.get("ingest.after")));
            }
        }
        if (processorProm != null) {
            // let the processor finish what was accepted, then read its histogram again
            long deadline = System.nanoTime() + 60_000_000_000L;
            double lastCount = -1;
            int stable = 0;
            while (System.nanoTime() < deadline) {
                List<Prometheus.Sample> s = Prometheus.scrape(processorProm, Prometheus.processorToken());
                double count = Prometheus.sum(s, ALERTS);
                double lag = kafkaLag != null ? kafkaLag.total() : Prometheus.consumerLag(s)[0];
                stable = (count == lastCount && (Double.isNaN(lag) || lag <= 0)) ? stable + 1 : 0;
                if (stable >= 4) {
                    break;
                }
                lastCount = count;
                Thread.sleep(250);
            }
            long caughtUp = System.nanoTime();
            scrapeInto(scrapes, "processor.after", processorProm, Prometheus.processorToken());
            sampler.shutdownNow();
            if (scrapes.containsKey("processor.before") && scrapes.containsKey("processor.after")) {
                List<Prometheus.Sample> before = scrapes.get("processor.before");
                List<Prometheus.Sample> after = scrapes.get("processor.after");
                out.put("end_to_end", Prometheus.histogramSummary(before, after, E2E));
                out.put("processor_gc", Prometheus.gcSummary(before, after));
                double processed = Prometheus.sum(after, ALERTS) - Prometheus.sum(before, ALERTS);
                out.put("processor_alerts_processed", (long) processed);
                out.put("processor_catch_up_after_load_s", Report.round((caughtUp - answeredEnd) / 1e9));
                out.put("processor_duplicates", (long) (Prometheus.sum(after, ALERTS, l -> "duplicate".equals(l.get("result")))
                        - Prometheus.sum(before, ALERTS, l -> "duplicate".equals(l.get("result")))));
            }
            synchronized (lagSeries) {
                out.put("consumer_lag", lagSummary(lagSeries, kafkaLag != null));
            }
        }
        sampler.shutdownNow();
        clientPool.shutdownNow();
        if (kafkaLag != null) {
            kafkaLag.close();
        }
        String json = Report.json(out);
        Files.writeString(Path.of(args.get("out")), json);
        System.out.println(json);
        return 0;
    }

    static Map<String, Object> lagSummary(List<double[]> series, boolean fromBroker) {
        Map<String, Object> lag = new LinkedHashMap<>();
        double max = 0;
        double sum = 0;
        int n = 0;
        List<List<Double>> points = new ArrayList<>();
        for (double[] p : series) {
            if (!Double.isNaN(p[1])) {
                max = Math.max(max, p[1]);
                sum += p[1];
                n++;
            }
            points.add(List.of(Report.round(p[0]), Double.isNaN(p[1]) ? -1.0 : p[1]));
        }
        lag.put("metric", (fromBroker
                ? "end offsets minus the processor groups' committed offsets, from the broker"
                : "kafka_consumer_fetch_manager_records_lag summed over the processor's partitions")
                + ", log-only category topics, in records (requests, not alerts), sampled every second");
        lag.put("samples", n);
        lag.put("max_records", n == 0 ? null : (long) max);
        lag.put("mean_records", n == 0 ? null : Report.round(sum / n));
        lag.put("series_s_records", points);
        return lag;
    }

    private static void scrapeInto(Map<String, List<Prometheus.Sample>> scrapes, String key, String url,
            String bearer) {
        if (url == null) {
            return;
        }
        try {
            List<Prometheus.Sample> s = Prometheus.scrape(url, bearer);
            synchronized (scrapes) {
                scrapes.put(key, s);
            }
        } catch (Exception e) {
            System.err.println("fixed-rate: scrape of " + url + " failed: " + e);
        }
    }

    private static void sample(List<String> samples, String message) {
        synchronized (samples) {
            if (samples.size() < 5) {
                samples.add(message.length() > 300 ? message.substring(0, 300) : message);
            }
        }
    }

    /**
     * Per second of the measured phase, how many requests took over 10 ms (corrected) and the
     * slowest one, for the seconds that had any: whether a tail is spread out or a few stalls.
     */
    static List<Map<String, Object>> slowBySecond(long[] nanos, int from, int to, int[] status, double rate) {
        Map<Integer, long[]> seconds = new TreeMap<>();
        for (int i = from; i < to; i++) {
            if (status[i] != 0 && nanos[i] > 10_000_000L) {
                long[] s = seconds.computeIfAbsent((int) ((i - from) / rate), k -> new long[2]);
                s[0]++;
                s[1] = Math.max(s[1], nanos[i]);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        seconds.forEach((second, s) -> out.add(Map.of("second", second, "over_10ms", s[0],
                "max_ms", Report.round(s[1] / 1e6))));
        return out;
    }

    static Map<String, Object> percentiles(long[] nanos, int from, int to, int[] status) {
        long[] v = new long[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (status[i] != 0) {
                v[n++] = nanos[i];
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        Map<String, Object> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        double sum = 0;
        for (long x : v) {
            sum += x;
        }
        out.put("mean", Report.round(sum / n / 1e6));
        out.put("p50", Report.round(at(v, 0.50) / 1e6));
        out.put("p90", Report.round(at(v, 0.90) / 1e6));
        out.put("p99", Report.round(at(v, 0.99) / 1e6));
        out.put("p99.9", Report.round(at(v, 0.999) / 1e6));
        out.put("max", Report.round(v[n - 1] / 1e6));
        return out;
    }

    private static double at(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
