package io.alertline.bench.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark ran on: cores, CPU model, memory, OS, JVM, load average. */
final class Machine {

    private Machine() {
    }

    static int run(Args args) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recorded_at", Instant.now().toString());
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", firstValue("/proc/cpuinfo", "model name"));
        String memKb = firstValue("/proc/meminfo", "MemTotal");
        m.put("memory_total", memKb == null ? null : memKb.replaceAll("\\s+", " "));
        m.put("os", osRelease());
        m.put("kernel", read("/proc/sys/kernel/osrelease"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("load_average_before", args.get("load-before", null));
        m.put("load_average_now", read("/proc/loadavg"));
        String json = Report.json(m);
        Files.writeString(Path.of(args.get("out")), json);
        System.out.println(json);
        return 0;
    }

    static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }
}
