package io.alertline.bench.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the phase results of one scripts/bench.sh run together: {@code result.json} (everything,
 * machine-readable, with the ratios and the targets) and {@code table.md} (the short table that
 * docs/PERFORMANCE.md shows).
 */
final class Report {

    static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern PRODUCER_PERF = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private Report() {
    }

    static String json(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }

    static Double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double scale = Math.abs(v) >= 100 ? 10 : 1000;
        return Math.round(v * scale) / scale;
    }

    static String pctName(double p) {
        return p == Math.floor(p) ? Integer.toString((int) p) : Double.toString(p);
    }

    static int run(Args args) throws IOException {
        Path dir = Path.of(args.get("dir"));
        String mode = args.get("mode", "full");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schema", "alertline-bench/1");
        result.put("mode", mode);
        result.put("command", args.get("command", null));
        result.put("machine", read(dir, "machine.json"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("wrk_threads", (int) args.number("threads", 0));
        params.put("wrk_connections", (int) args.number("connections", 0));
        params.put("phase_seconds", args.number("duration", 0));
        params.put("warmup_seconds", args.number("warmup", 0));
        JsonNode flags = read(dir, "jvm_flags.json");
        params.put("jvm_flags", flags != null ? flags : args.get("jvm-flags", null));
        params.put("payloads", read(dir, "payloads.json"));
        result.put("parameters", params);

        JsonNode ceilingA = read(dir, "ceiling_a.json");
        Map<String, Object> ceilingB = producerPerformance(dir.resolve("ceiling_b.txt"));
        JsonNode ceilingC = read(dir, "ceiling_c.json");
        JsonNode records = read(dir, "kafka_records.json");
        JsonNode saturation = read(dir, "ingest_saturation.json");
        JsonNode saturationPublish = read(dir, "ingest_saturation_publish.json");
        JsonNode fixed = read(dir, "ingest_fixed.json");
        JsonNode e2e = read(dir, "e2e.json");
        JsonNode drain = read(dir, "drain.json");
        JsonNode jfr = read(dir, "jfr.json");
        JsonNode jmh = read(dir, "jmh.json");
        JsonNode logErrors = read(dir, "log_errors.json");
        Map<String, Object> rss = rss(dir.resolve("rss.txt"));
        Map<String, Double> cpu = cpuPerRequest(dir, dir.resolve("cpu.txt"));

        result.put("ceiling_a_bare_webflux", ceilingA);
        result.put("ceiling_b_kafka_producer_performance", ceilingB);
        result.put("ceiling_c_minimal_durable_ingest", ceilingC);
        result.put("ingest_durability", records);
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("saturation", saturation);
        ingest.put("saturation_publish_latency", saturationPublish);
        ingest.put("fixed_rate", fixed);
        result.put("ingest", ingest);
        result.put("end_to_end", e2e);
        result.put("processor_drain", drain);
        result.put("service_log_errors", logErrors);
        result.put("resident_memory", rss);
        result.put("cpu_us_per_request", cpu);
        Map<String, Object> jfrPart = new LinkedHashMap<>();
        jfrPart.put("load_during_recording", read(dir, "ingest_jfr_load.json"));
        jfrPart.put("summary", jfr);
        result.put("jfr_ingest_under_load", jfrPart);
        result.put("jmh", jmh);

        Double aRps = num(ceilingA, "rps");
        Double bRps = (Double) (ceilingB == null ? null : ceilingB.get("records_per_s"));
        Double iRps = num(saturation, "rps");
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("ingest_rps_over_ceiling_a", aRps == null || iRps == null ? null : round(iRps / aRps));
        ratios.put("ingest_records_per_s_over_ceiling_b", bRps == null || iRps == null ? null : round(iRps / bRps));
        Double cRps = num(ceilingC, "rps");
        Double cP99 = ceilingC == null ? null : num(ceilingC.path("latency_ms"), "p99");
        Double iP99 = saturation == null ? null : num(saturation.path("latency_ms"), "p99");
        ratios.put("ingest_rps_over_ceiling_c", cRps == null || iRps == null ? null : round(iRps / cRps));
        ratios.put("ingest_p99_over_ceiling_c_p99", cP99 == null || iP99 == null ? null : round(iP99 / cP99));
        Double iCpu = cpu.get("ingest_saturation");
        Double cCpu = cpu.get("ceiling_c");
        ratios.put("ingest_cpu_per_request_over_ceiling_c", iCpu == null || cCpu == null ? null : round(iCpu / cCpu));
        result.put("ratios", ratios);

        long satErrors = saturation == null ? -1 : saturation.path("errors_total").asLong(-1);
        Double fixedP99 = fixed == null ? null : num(fixed.path("latency_corrected_ms"), "p99");
        Double fixedRate = num(fixed, "target_rate_rps");
        Double e2eP99 = e2e == null ? null : num(e2e.path("end_to_end"), "p99_ms");
        Double e2eRate = num(e2e, "target_alert_rate");
        Double procRate = num(drain, "alerts_per_s");
        Double ingestPeakMb = rssMb(rss, "ingest", "peak_mb");
        List<Map<String, Object>> targets = new ArrayList<>();
        Double ratioC = (Double) ratios.get("ingest_rps_over_ceiling_c");
        Double ratioCp99 = (Double) ratios.get("ingest_p99_over_ceiling_c_p99");
        Boolean durable = records == null ? null : records.path("every_200_in_kafka").asBoolean();
        targets.add(target("ingest req/s >= 80% of ceiling C (minimal durable ingest), 0 non-2xx, every 2xx's record in Kafka",
                ratioC == null ? null : pct(ratioC) + ", " + satErrors + " non-2xx, "
                        + (records == null ? "records not checked" : records.path("records_in_kafka").asLong()
                                + " records for " + records.path("answered_200").asLong() + " 200s"),
                ratioC == null || durable == null ? null : ratioC >= 0.8 && satErrors == 0 && durable, null));
        targets.add(target("ingest p99 <= 1.5 x ceiling C's p99 (saturation)",
                ratioCp99 == null ? null : ms(iP99) + " vs " + ms(cP99) + " (" + round(ratioCp99) + "x)",
                ratioCp99 == null ? null : ratioCp99 <= 1.5, null));
        Double ratioA = (Double) ratios.get("ingest_rps_over_ceiling_a");
        targets.add(target("ingest req/s >= 60% of ceiling A, zero errors",
                ratioA == null ? null : pct(ratioA) + ", " + satErrors + " errors",
                ratioA == null ? null : ratioA >= 0.6 && satErrors == 0, null));
        targets.add(target("ingest p99 <= 10 ms at 1,000 req/s (corrected)",
                fixedP99 == null ? null : ms(fixedP99) + " at " + fmt(fixedRate) + " req/s",
                fixedP99 == null ? null : fixedP99 <= 10,
                fixedRate != null && fixedRate < 999 ? "measured below the target's rate" : null));
        targets.add(target("end-to-end p99 <= 100 ms at 1,000 alerts/s",
                e2eP99 == null ? null : ms(e2eP99) + " at " + fmt(e2eRate) + " alerts/s",
                e2eP99 == null ? null : e2eP99 <= 100,
                e2eRate != null && e2eRate < 999 ? "measured below the target's rate" : null));
        targets.add(target("processor >= 20,000 alerts/s (log-only)",
                procRate == null ? null : fmt(procRate) + " alerts/s", procRate == null ? null : procRate >= 20_000,
                drain != null && drain.path("stalled").asBoolean() ? "and it stalled on the backlog" : null));
        targets.add(target("ingest resident memory <= 256 MB under load",
                ingestPeakMb == null ? null : fmt(ingestPeakMb) + " MB peak", ingestPeakMb == null ? null : ingestPeakMb <= 256,
                null));
        result.put("targets", targets);

        String table = table(mode, result, cpu, ceilingA, ceilingB, ceilingC, records, saturation, saturationPublish, fixed, e2e, drain, rss,
                targets, ratios, logErrors);
        Files.writeString(dir.resolve("table.md"), table);
        String jmhTable = jmhTable(jmh);
        if (jmhTable != null) {
            Files.writeString(dir.resolve("jmh.md"), jmhTable);
        }
        List<String> problems = new ArrayList<>();
        for (String[] phase : new String[][] {{"ceiling A", String.valueOf(ceilingA)}, {"ceiling B", String.valueOf(ceilingB)},
                {"ceiling C", String.valueOf(ceilingC)}, {"durability check", String.valueOf(records)},
                {"ingest saturation", String.valueOf(saturation)}, {"ingest fixed rate", String.valueOf(fixed)},
                {"end to end", String.valueOf(e2e)}, {"processor drain", String.valueOf(drain)},
                {"JFR", String.valueOf(jfr)}}) {
            if ("null".equals(phase[1])) {
                problems.add(phase[0] + ": no result");
            }
        }
        if (saturation != null && saturation.path("errors_total").asLong() != 0) {
            problems.add("ingest saturation: " + saturation.path("errors_total").asLong() + " errors");
        }
        if (records != null && !records.path("every_200_in_kafka").asBoolean()) {
            problems.add("durability: " + records.path("records_in_kafka").asLong() + " records in Kafka for "
                    + records.path("answered_200").asLong() + " answers 200");
        }
        if (ceilingC != null && ceilingC.path("errors_total").asLong() != 0) {
            problems.add("ceiling C: " + ceilingC.path("errors_total").asLong() + " errors");
        }
        if (fixed != null && fixed.path("errors").asLong() != 0) {
            problems.add("ingest fixed rate: " + fixed.path("errors").asLong() + " errors");
        }
        if (e2e != null && e2e.path("errors").asLong() != 0) {
            problems.add("end to end: " + e2e.path("errors").asLong() + " ingest errors");
        }
        if (e2e != null && e2e.path("end_to_end").path("count").asLong() == 0) {
            problems.add("end to end: the processor recorded no alert");
        }
        if (drain != null && drain.path("processed_alerts").asLong() == 0) {
            problems.add("processor drain: no alert processed");
        }
        result.put("problems", problems);
        Files.writeString(dir.resolve("result.json"), json(result));
        System.out.println(table);
        if (jmhTable != null) {
            System.out.println(jmhTable);
        }
        for (String problem : problems) {
            System.out.println("PROBLEM: " + problem);
        }
        return problems.isEmpty() ? 0 : 4;
    }

    private static String table(String mode, Map<String, Object> result, Map<String, Double> cpu, JsonNode a, Map<String, Object> b,
            JsonNode c, JsonNode records,
            JsonNode sat, JsonNode satPublish, JsonNode fixed, JsonNode e2e, JsonNode drain, Map<String, Object> rss,
            List<Map<String, Object>> targets, Map<String, Object> ratios, JsonNode logErrors) {
        StringBuilder t = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) result.get("parameters");
        t.append("| phase | result |\n|---|---|\n");
        String conc = "c=" + params.get("wrk_connections") + ", t=" + params.get("wrk_threads");
        t.append(row("ceiling A: bare WebFlux, wrk " + conc, a == null ? null
                : fmt(num(a, "rps")) + " req/s; latency p50 " + ms(num(a.path("latency_ms"), "p50")) + ", p99 "
                        + ms(num(a.path("latency_ms"), "p99")) + ", p99.9 " + ms(num(a.path("latency_ms"), "p99.9"))
                        + "; errors " + a.path("errors_total").asLong() + cpuText(cpu, "ceiling_a")));
        t.append(row("ceiling B: Kafka ProducerPerformance, acks=all, same bodies", b == null ? null
                : fmt((Double) b.get("records_per_s")) + " records/s (" + b.get("mb_per_s") + " MB/s); latency p50 "
                        + b.get("p50_ms") + " ms, p99 " + b.get("p99_ms") + " ms"));
        t.append(row("ceiling C: minimal durable ingest (HMAC + KafkaProducer acks=all, 200 after the ack), wrk " + conc,
                c == null ? null : fmt(num(c, "rps")) + " req/s; latency p50 " + ms(num(c.path("latency_ms"), "p50"))
                        + ", p99 " + ms(num(c.path("latency_ms"), "p99")) + ", p99.9 "
                        + ms(num(c.path("latency_ms"), "p99.9")) + "; errors " + c.path("errors_total").asLong()
                        + cpuText(cpu, "ceiling_c")));
        t.append(row("ingest at saturation, wrk " + conc, sat == null ? null
                : fmt(num(sat, "rps")) + " req/s (" + fmt(num(sat, "alerts_per_s")) + " alerts/s); latency p50 "
                        + ms(num(sat.path("latency_ms"), "p50")) + ", p99 " + ms(num(sat.path("latency_ms"), "p99"))
                        + ", p99.9 " + ms(num(sat.path("latency_ms"), "p99.9")) + "; errors "
                        + sat.path("errors_total").asLong() + cpuText(cpu, "ingest_saturation")
                        + (satPublish == null ? "" : "; Kafka ack (publish) p50 " + ms(num(satPublish, "p50_ms"))
                                + ", p99 " + ms(num(satPublish, "p99_ms")))));
        t.append(row("ratios", "ingest ÷ ceiling C: req/s " + pct((Double) ratios.get("ingest_rps_over_ceiling_c"))
                + ", p99 " + ratios.get("ingest_p99_over_ceiling_c_p99") + "x, CPU per request "
                + ratios.get("ingest_cpu_per_request_over_ceiling_c") + "x; ingest ÷ ceiling A = "
                + pct((Double) ratios.get("ingest_rps_over_ceiling_a"))
                + "; ingest records/s ÷ ceiling B = " + pct((Double) ratios.get("ingest_records_per_s_over_ceiling_b"))));
        t.append(row("durability: ingest records in Kafka vs its 200 answers (all phases)", records == null ? null
                : records.path("records_in_kafka").asLong() + " records, " + records.path("answered_200").asLong()
                        + " answers 200: " + (records.path("every_200_in_kafka").asBoolean() ? "every 200 has its record"
                                : "**records missing**")));
        t.append(row("ingest at a fixed rate", fixed == null ? null
                : fmt(num(fixed, "target_rate_rps")) + " req/s for " + fixed.path("duration_s").asDouble()
                        + " s: corrected p50 " + ms(num(fixed.path("latency_corrected_ms"), "p50")) + ", p99 "
                        + ms(num(fixed.path("latency_corrected_ms"), "p99")) + ", p99.9 "
                        + ms(num(fixed.path("latency_corrected_ms"), "p99.9")) + ", max "
                        + ms(num(fixed.path("latency_corrected_ms"), "max")) + "; errors "
                        + fixed.path("errors").asLong()));
        t.append(row("end to end (received-at → outcome written)", e2e == null ? null
                : fmt(num(e2e, "target_alert_rate")) + " alerts/s (" + fmt(num(e2e, "target_rate_rps"))
                        + " req/s): p50 " + ms(num(e2e.path("end_to_end"), "p50_ms")) + ", p99 "
                        + ms(num(e2e.path("end_to_end"), "p99_ms")) + ", p99.9 "
                        + ms(num(e2e.path("end_to_end"), "p99.9_ms")) + " over "
                        + e2e.path("end_to_end").path("count").asLong() + " alerts; consumer lag max "
                        + e2e.path("consumer_lag").path("max_records").asText("?") + " records; processor GC "
                        + e2e.path("processor_gc").path("pauses").asLong() + " pauses, "
                        + e2e.path("processor_gc").path("pause_total_ms").asText("?") + " ms; ingest errors "
                        + e2e.path("errors").asLong()));
        t.append(row("processor on a backlog (log-only categories)", drain == null ? null : drainText(drain, logErrors)));
        StringBuilder mem = new StringBuilder();
        if (rss != null) {
            rss.forEach((name, v) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) v;
                if (!mem.isEmpty()) {
                    mem.append("; ");
                }
                mem.append(name).append(' ').append(fmt((Double) m.get("rss_mb"))).append(" MB (peak ")
                        .append(fmt((Double) m.get("peak_mb"))).append(")");
            });
        }
        t.append(row("resident memory at the end (VmRSS; peak = VmHWM)", mem.isEmpty() ? null : mem.toString()));
        if (params.get("jvm_flags") instanceof JsonNode f) {
            String image = f.path("ingest_image").asText("");
            t.append(row("JVM flags (ceilings A and C = ingest's)", "ingest `" + f.path("ingest").asText() + "`"
                    + (image.isEmpty() ? "" : image.equals(f.path("ingest").asText()) ? " (= its image's)"
                            : " (**image**: `" + image + "`)")
                    + (f.path("malloc_arena_max").asText("").isEmpty() ? ""
                            : ", MALLOC_ARENA_MAX=" + f.path("malloc_arena_max").asText())
                    + "; processor `" + f.path("processor").asText() + "`"));
        }
        t.append("\n| target | measured | status |\n|---|---|---|\n");
        for (Map<String, Object> target : targets) {
            Object met = target.get("met");
            String status = met == null ? "not measured" : (Boolean) met ? "met" : "**not met**";
            if (target.get("note") != null) {
                status += " (" + target.get("note") + ")";
            }
            t.append("| ").append(target.get("target")).append(" | ")
                    .append(target.get("measured") == null ? "—" : target.get("measured")).append(" | ")
                    .append(status).append(" |\n");
        }
        if (!"full".equals(mode)) {
            t.append("\n_").append(mode).append(" mode: durations of seconds; these figures only show that every "
                    + "step runs._\n");
        }
        return t.toString();
    }

    private static String drainText(JsonNode drain, JsonNode logErrors) {
        StringBuilder d = new StringBuilder();
        d.append(fmt(num(drain, "alerts_per_s"))).append(" alerts/s over ")
                .append(drain.path("alerts_per_s_window_s").asDouble()).append(" s (")
                .append(drain.path("alerts_in_window").asLong()).append(" alerts; best 10 s: ")
                .append(fmt(num(drain, "best_10s_alerts_per_s"))).append(" alerts/s)");
        if (drain.path("stalled").asBoolean()) {
            d.append("; **stalled** after ").append(drain.path("stall_after_s").asDouble()).append(" s");
        }
        long oom = logErrors == null ? 0 : logErrors.path("processor_out_of_memory").asLong();
        if (oom > 0) {
            d.append(" (processor log: ").append(oom).append("× OutOfMemoryError)");
        }
        d.append("; ").append(drain.path("processed_alerts").asLong()).append(" of ")
                .append(drain.path("expected_alerts").asLong()).append(" backlog alerts done (")
                .append(drain.path("ending").asText()).append("); consumer lag max ")
                .append(drain.path("consumer_lag_max_records").asText("?")).append(" records");
        return d.toString();
    }

    static String jmhTable(JsonNode jmh) {
        if (jmh == null || !jmh.isArray()) {
            return null;
        }
        StringBuilder t = new StringBuilder("| benchmark | params | score | error (99.9 %) | unit |\n|---|---|---|---|---|\n");
        for (JsonNode b : jmh) {
            String name = b.path("benchmark").asText().replace("io.alertline.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            b.path("params").properties().forEach(e -> params.append(params.isEmpty() ? "" : ", ").append(e.getKey())
                    .append('=').append(e.getValue().asText()));
            JsonNode pm = b.path("primaryMetric");
            double error = pm.path("scoreError").asDouble(Double.NaN);
            t.append("| ").append(name).append(" | ").append(params).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", pm.path("score").asDouble())).append(" | ")
                    .append(Double.isNaN(error) ? "—" : String.format(Locale.ROOT, "± %.3f", error)).append(" | ")
                    .append(pm.path("scoreUnit").asText()).append(" |\n");
        }
        return t.toString();
    }

    private static Map<String, Object> target(String target, String measured, Boolean met, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("measured", measured);
        m.put("met", met);
        m.put("note", note);
        return m;
    }

    private static String row(String phase, String value) {
        return "| " + phase + " | " + (value == null ? "not run" : value) + " |\n";
    }

    private static String cpuText(Map<String, Double> cpu, String phase) {
        Double us = cpu.get(phase);
        return us == null ? "" : "; " + fmt(us) + " CPU µs per request";
    }

    /** Lines "phase cpu_ms_before cpu_ms_after" (bench.sh, from /proc/PID/stat) over the phase's wrk requests. */
    static Map<String, Double> cpuPerRequest(Path dir, Path file) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            JsonNode phase = f.length == 3 ? read(dir, f[0] + ".json") : null;
            long requests = phase == null ? 0 : phase.path("requests").asLong();
            if (requests > 0) {
                out.put(f[0], round((Double.parseDouble(f[2]) - Double.parseDouble(f[1])) * 1000 / requests));
            }
        }
        return out;
    }

    static Map<String, Object> producerPerformance(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String last = null;
        for (String line : Files.readAllLines(file)) {
            if (PRODUCER_PERF.matcher(line).find()) {
                last = line;
            }
        }
        if (last == null) {
            return null;
        }
        Matcher m = PRODUCER_PERF.matcher(last);
        m.find();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", "org.apache.kafka.tools.ProducerPerformance");
        out.put("records", Long.parseLong(m.group(1)));
        out.put("records_per_s", Double.parseDouble(m.group(2)));
        out.put("mb_per_s", Double.parseDouble(m.group(3)));
        out.put("avg_ms", Double.parseDouble(m.group(4)));
        out.put("max_ms", Double.parseDouble(m.group(5)));
        out.put("p50_ms", Double.parseDouble(m.group(6)));
        out.put("p95_ms", Double.parseDouble(m.group(7)));
        out.put("p99_ms", Double.parseDouble(m.group(8)));
        out.put("p99.9_ms", Double.parseDouble(m.group(9)));
        out.put("line", last.trim());
        return out;
    }

    /** Lines "name pid rss_kb hwm_kb" (as bench.sh writes them from /proc/PID/status); the last line per name wins. */
    static Map<String, Object> rss(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", Long.parseLong(f[1]));
            m.put("rss_mb", round(Long.parseLong(f[2]) / 1024.0));
            m.put("peak_mb", round(Long.parseLong(f[3]) / 1024.0));
            m.put("when", f.length > 4 ? String.join(" ", java.util.Arrays.copyOfRange(f, 4, f.length)) : null);
            out.put(f[0], m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Double rssMb(Map<String, Object> rss, String name, String key) {
        if (rss == null || !rss.containsKey(name)) {
            return null;
        }
        return (Double) ((Map<String, Object>) rss.get(name)).get(key);
    }

    private static JsonNode read(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p) || Files.size(p) == 0) {
            return null;
        }
        return MAPPER.readTree(Files.readString(p));
    }

    private static Double num(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }

    static String fmt(Double v) {
        if (v == null) {
            return "?";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String ms(Double v) {
        if (v == null) {
            return "?";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : v >= 10 ? "%.1f ms" : "%.2f ms", v);
    }

    static String pct(Double v) {
        return v == null ? "?" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
