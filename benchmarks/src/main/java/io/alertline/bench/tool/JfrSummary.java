package io.alertline.bench.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Hot spots of a JFR recording: CPU samples by top frame (self), by method anywhere on the stack
 * (inclusive, for a few subsystems of interest), by thread, and allocation by class, plus GC
 * pauses. Good enough to say where an event loop spends its time without a GUI.
 */
final class JfrSummary {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /**
     * Subsystems in order of precedence: a sample belongs to the first one that has a frame
     * anywhere on its stack (so JCE work under the alertline verifier counts as signature
     * checking, and Netty frames, at the bottom of every event-loop stack, count only when
     * nothing more specific is there).
     */
    private static final String[][] SUBSYSTEMS = {
        {"io.alertline.common.auth", "alertline: signature check (HMAC)"},
        {"io.alertline.ingest.auth", "alertline: signature check (HMAC)"},
        {"io.alertline.common.record", "alertline: record signing"},
        {"io.alertline.common.payload", "alertline: payload parse/validate"},
        {"io.alertline.ingest.ratelimit", "alertline: rate limiter"},
        {"org.apache.kafka", "Kafka client"},
        {"org.springframework.kafka", "Kafka client"},
        {"io.micrometer", "Micrometer metrics"},
        {"tools.jackson", "Jackson (responses)"},
        {"com.fasterxml.jackson", "Jackson (responses)"},
        {"io.alertline", "alertline: other (handler, responses, publisher)"},
        {"com.sun.crypto", "JCE crypto (other)"},
        {"sun.security", "JCE crypto (other)"},
        {"net.jpountz", "LZ4 compression"},
        {"org.springframework", "Spring WebFlux (routing, codecs, exchange)"},
        {"reactor.netty", "Reactor Netty (HTTP server)"},
        {"io.netty", "Netty (I/O, buffers)"},
        {"reactor.core", "Reactor core (schedulers, operators)"},
        {"sun.nio", "JDK NIO"},
        {"java.util.concurrent", "JDK concurrency"},
    };

    private JfrSummary() {
    }

    static int run(Args args) throws Exception {
        Path file = Path.of(args.get("file"));
        int top = (int) args.number("top", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> subsystems = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        Duration gcPause = Duration.ZERO;
        Duration longestPause = Duration.ZERO;
        long allocationTotal = 0;
        double jvmUserSum = 0;
        double machineSum = 0;
        int cpuN = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedStackTrace st = e.getStackTrace();
                        if (e.getThread("sampledThread") != null) {
                            threads.merge(DIGITS.matcher(String.valueOf(e.getThread("sampledThread").getJavaName()))
                                    .replaceAll("N"), 1, Integer::sum);
                        }
                        if (st == null || st.getFrames().isEmpty()) {
                            continue;
                        }
                        List<RecordedFrame> frames = st.getFrames();
                        self.merge(name(frames.get(0)), 1, Integer::sum);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame f : frames) {
                            String n = name(f);
                            if (seen.add(n)) {
                                inclusive.merge(n, 1, Integer::sum);
                            }
                        }
                        subsystems.merge(subsystem(frames), 1, Integer::sum);
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = e.getLong("weight");
                        allocationTotal += weight;
                        allocation.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                        if (e.getDuration("longestPause").compareTo(longestPause) > 0) {
                            longestPause = e.getDuration("longestPause");
                        }
                    }
                    case "jdk.CPULoad" -> {
                        jvmUserSum += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        machineSum += e.getFloat("machineTotal");
                        cpuN++;
                    }
                    default -> {
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recording", file.getFileName().toString());
        out.put("execution_samples", samples);
        if (cpuN > 0) {
            out.put("jvm_cpu_share_of_machine_mean", Report.round(jvmUserSum / cpuN));
            out.put("machine_cpu_mean", Report.round(machineSum / cpuN));
        }
        out.put("by_subsystem_pct", percent(subsystems, samples, 30));
        out.put("top_self_pct", percent(self, samples, top));
        out.put("top_inclusive_alertline_kafka_pct", percent(filter(inclusive, "io.alertline", "org.apache.kafka.clients.producer.KafkaProducer",
                "org.springframework.kafka", "io.micrometer.core.instrument", "reactor.netty.http.server.HttpServerOperations"), samples, top));
        out.put("by_thread_pct", percent(threads, samples, 15));
        out.put("allocation_top_pct", percentLong(allocation, allocationTotal, 12));
        out.put("allocation_total_mb_sampled_weight", Report.round(allocationTotal / 1048576.0));
        out.put("gc_count", gcCount);
        out.put("gc_pause_total_ms", gcPause.toMillis());
        out.put("gc_longest_pause_ms", Report.round(longestPause.toNanos() / 1e6));
        String json = Report.json(out);
        Files.writeString(Path.of(args.get("out")), json);
        if (args.has("text")) {
            Files.writeString(Path.of(args.get("text")), text(out));
        }
        System.out.println(text(out));
        return 0;
    }

    private static String subsystem(List<RecordedFrame> frames) {
        for (String[] s : SUBSYSTEMS) {
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith(s[0])) {
                    return s[1];
                }
            }
        }
        String topType = frames.get(0).getMethod().getType().getName();
        int dot = topType.lastIndexOf('.');
        return "other: " + (dot > 0 ? topType.substring(0, dot) : topType);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static Map<String, Integer> filter(Map<String, Integer> m, String... prefixes) {
        Map<String, Integer> out = new HashMap<>();
        m.forEach((k, v) -> {
            for (String p : prefixes) {
                if (k.startsWith(p)) {
                    out.put(k, v);
                    return;
                }
            }
        });
        return out;
    }

    private static Map<String, Double> percent(Map<String, Integer> counts, long total, int limit) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : Report.round(100.0 * e.getValue() / total)));
        return out;
    }

    private static Map<String, Double> percentLong(Map<String, Long> counts, long total, int limit) {
        Map<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> out.put(e.getKey(), total == 0 ? 0 : Report.round(100.0 * e.getValue() / total)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> out) {
        StringBuilder sb = new StringBuilder();
        sb.append("JFR ").append(out.get("recording")).append(": ").append(out.get("execution_samples"))
                .append(" execution samples, GC ").append(out.get("gc_count")).append(" collections, ")
                .append(out.get("gc_pause_total_ms")).append(" ms paused\n");
        for (String key : List.of("by_subsystem_pct", "top_self_pct", "top_inclusive_alertline_kafka_pct",
                "by_thread_pct", "allocation_top_pct")) {
            sb.append("\n").append(key).append(":\n");
            ((Map<String, Double>) out.get(key)).forEach((k, v) -> sb.append(String.format("  %6.1f%%  %s%n", v, k)));
        }
        return sb.toString();
    }
}
