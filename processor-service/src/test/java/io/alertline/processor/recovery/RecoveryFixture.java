package io.alertline.processor.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.alertline.common.payload.Alert;

/** Real executables in a temporary directory, alerts, a settable clock. */
final class RecoveryFixture {

    static final Instant T0 = Instant.parse("2025-11-29T10:00:00Z");

    final Path root;
    final Path dir;
    final Path markers;
    final MutableClock clock = new MutableClock(T0);

    RecoveryFixture(Path root) throws IOException {
        this.root = root;
        this.dir = Files.createDirectories(root.resolve("recovery"));
        this.markers = Files.createDirectories(root.resolve("markers"));
    }

    RecoverySettings settings(Duration timeout, Duration cooldown, Set<String> allowed) {
        return new RecoverySettings(dir, allowed, timeout, cooldown, 4096);
    }

    AutoRecovery recovery() {
        return new AutoRecovery(settings(Duration.ofSeconds(10), Duration.ofMinutes(5),
                Set.of("ollama", "openwebui", "searxng")), clock);
    }

    /** Writes an executable {@code #!/bin/sh} script. */
    Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    Path serviceScript(String service, String body) throws IOException {
        return script(dir.resolve(service + "-recovery.sh"), body);
    }

    /** A script that only creates {@code markers/<name>} (and appends to it). */
    Path markerScript(Path file, String name) throws IOException {
        return script(file, "echo ran >> '" + markers.resolve(name) + "'");
    }

    Path marker(String name) {
        return markers.resolve(name);
    }

    List<String> markerNames() throws IOException {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    int lines(String markerName) throws IOException {
        Path file = marker(markerName);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    static Alert firing(String service) {
        return alert("firing", service, Map.of("summary", "Ollama service is down", "recovery", "auto"));
    }

    static Alert alert(String status, String service, Map<String, String> annotations) {
        Map<String, String> labels = new HashMap<>();
        labels.put("alertname", "OllamaServiceDown");
        labels.put("severity", "critical");
        if (service != null) {
            labels.put("service", service);
        }
        return new Alert(status, labels, annotations, "2025-11-29T09:59:00Z", "0001-01-01T00:00:00Z",
                "http://prometheus:9090/graph", "abc123");
    }

    /** Alive and not a zombie (an orphan that PID 1 has not reaped yet counts as gone). */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
