package io.alertline.processor.recovery;

import static io.alertline.processor.recovery.RecoveryFixture.firing;
import static io.alertline.processor.recovery.RecoveryFixture.isRunning;
import static io.alertline.processor.recovery.RecoveryFixture.readPid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timeouts kill the whole tree; names never become paths or commands; the environment holds no secret. */
class AutoRecoverySafetyTest {

    @TempDir
    Path tmp;

    RecoveryFixture fx;

    @BeforeEach
    void setUp() throws IOException {
        fx = new RecoveryFixture(tmp);
    }

    @Test
    void timeoutKillsTheScriptAndEveryProcessItStarted() throws IOException {
        fx.serviceScript("ollama", """
                sleep 300 &
                echo $! > '%s'
                sh -c 'sleep 301 & echo $! > "%s"; wait' &
                echo $$ > '%s'
                echo started
                sleep 300""".formatted(fx.marker("child.pid"), fx.marker("grandchild.pid"), fx.marker("script.pid")));
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(1), Duration.ofMinutes(5), Set.of("ollama")), fx.clock);

        RecoveryResult result = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isTrue();
        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isNull();
        assertThat(result.message()).isEqualTo("Recovery script timed out after 1 s and was killed");
        assertThat(result.executionTimeSeconds()).isBetween(0.9, 4.0);
        assertThat(result.outputTail()).startsWith("started\n");
        long script = readPid(fx.marker("script.pid"));
        long child = readPid(fx.marker("child.pid"));
        long grandchild = readPid(fx.marker("grandchild.pid"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(isRunning(script)).as("script %d", script).isFalse();
            assertThat(isRunning(child)).as("background child %d", child).isFalse();
            assertThat(isRunning(grandchild)).as("grandchild %d", grandchild).isFalse();
        });
    }

    @Test
    void timeoutKillsAScriptThatKeepsSpawningAndKeepsPrinting() throws IOException {
        fx.serviceScript("ollama", """
                echo $$ > '%s'
                while true; do echo spam; sleep 0.05 & echo $! >> '%s'; wait; done""".formatted(
                fx.marker("script.pid"), fx.marker("children.pid")));
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(1), Duration.ZERO, Set.of("ollama")), fx.clock);

        RecoveryResult result = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(result.message()).isEqualTo("Recovery script timed out after 1 s and was killed");
        assertThat(result.outputTail()).startsWith("spam\n");
        long script = readPid(fx.marker("script.pid"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(isRunning(script)).isFalse();
            for (String pid : Files.readAllLines(fx.marker("children.pid"))) {
                assertThat(isRunning(Long.parseLong(pid.trim()))).as("child %s", pid).isFalse();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "ollama/../../x", "..", "../recovery/ollama", "ollama/../ollama",
            "/etc/passwd", "./ollama", "OLLAMA", "ollama ", ""})
    void pathTraversalNeverExecutesAnything(String service) throws IOException {
        // scripts that would be reached if the name became a path, inside and outside the directory
        fx.markerScript(tmp.resolve("evil-recovery.sh"), "evil");
        fx.markerScript(tmp.resolve("x-recovery.sh"), "x");
        fx.markerScript(fx.dir.resolve("..-recovery.sh"), "dotdot");
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ollama");
        // even when an operator put the bad name itself into the allow-list
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(5), Duration.ZERO, Set.of("ollama", service)), fx.clock);

        RecoveryResult result = recovery.handle(firing(service), Map.of(), () -> {
            throw new AssertionError("must not get as far as running");
        });

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).satisfiesAnyOf(
                m -> assertThat(m).startsWith("refused: service '"),
                m -> assertThat(m).isEqualTo("skipped: alert has no service label"));
        assertThat(fx.markerNames()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama;touch pwned", "$(touch pwned)", "ollama && touch pwned", "`touch pwned`",
            "ollama\ntouch pwned", "ollama|touch pwned", "ollama\u0000", "ollama\r", "ollama$IFS", "${PATH}",
            "ollama'; touch pwned; '", "ollama\u202e"})
    void shellMetacharactersNeverExecuteAnything(String service) throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ollama");
        if (!service.contains("\u0000")) {
            // a file literally named like the service: even that one must not run
            fx.markerScript(fx.dir.resolve(service + "-recovery.sh"), "literal");
        }
        Set<Path> before = tree();
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(5), Duration.ZERO, Set.of("ollama", service)), fx.clock);

        RecoveryResult result = recovery.handle(firing(service), Map.of(), () -> {
            throw new AssertionError("must not get as far as running");
        });

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).startsWith("refused: service '").endsWith("is not a valid service name "
                + "(allowed: [a-z0-9_-], at most 64 characters)");
        // neither the message nor the service field carries control or non-ASCII characters
        assertThat(result.message()).matches("[\\x20-\\x7e]*");
        assertThat(result.service()).matches("[\\x20-\\x7e]*");
        assertThat(fx.markerNames()).isEmpty();
        assertThat(tree()).isEqualTo(before);
        assertThat(Path.of("pwned")).doesNotExist();
    }

    @Test
    void overlongServiceNameIsRefusedAndShownTruncated() {
        String service = "a".repeat(65);
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(5), Duration.ZERO, Set.of(service)), fx.clock);

        RecoveryResult result = recovery.handle(firing(service), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).startsWith("refused: service '" + "a".repeat(64) + "...'");
        assertThat(result.service()).isEqualTo("a".repeat(64) + "...");
    }

    @Test
    void symlinkPointingOutsideTheDirectoryIsRefused() throws IOException {
        Path outside = fx.markerScript(tmp.resolve("outside/evil.sh"), "evil");
        Files.createSymbolicLink(fx.dir.resolve("ollama-recovery.sh"), outside);

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).startsWith("refused: recovery script for service 'ollama' resolves outside the recovery directory");
        assertThat(fx.marker("evil")).doesNotExist();
    }

    @Test
    void symlinkToASubdirectoryWhoseLinkLeadsOutIsRefused() throws IOException {
        fx.markerScript(tmp.resolve("outside/ollama-recovery.sh"), "evil");
        Files.createDirectories(fx.dir.resolve("sub"));
        Files.createSymbolicLink(fx.dir.resolve("ollama-recovery.sh"), Path.of("sub/../../outside/ollama-recovery.sh"));

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).contains("resolves outside the recovery directory");
        assertThat(fx.marker("evil")).doesNotExist();
    }

    @Test
    void symlinkStayingInsideTheDirectoryRuns() throws IOException {
        Path real = fx.markerScript(fx.dir.resolve("impl/restart-openwebui.sh"), "openwebui");
        Files.createSymbolicLink(fx.dir.resolve("openwebui-recovery.sh"), fx.dir.relativize(real));

        RecoveryResult result = fx.recovery().handle(firing("openwebui"), Map.of(), null);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(fx.lines("openwebui")).isEqualTo(1);
    }

    @Test
    void recoveryDirectoryReachedThroughASymlinkWorks() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ollama");
        Path link = Files.createSymbolicLink(tmp.resolve("scripts-link"), fx.dir);
        AutoRecovery recovery = new AutoRecovery(
                new RecoverySettings(link, Set.of("ollama"), Duration.ofSeconds(5), Duration.ZERO, 4096), fx.clock);

        RecoveryResult result = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(fx.lines("ollama")).isEqualTo(1);
    }

    @Test
    void nonExecutableScriptIsRefused() throws IOException {
        Path script = fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ran");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).isEqualTo("refused: recovery script " + script.toRealPath() + " is not executable");
        assertThat(fx.marker("ran")).doesNotExist();
    }

    @Test
    void directoryNamedLikeTheScriptIsRefused() throws IOException {
        Files.createDirectories(fx.dir.resolve("ollama-recovery.sh"));

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).endsWith("is not a regular file");
    }

    /** Names a shell or the dynamic loader may add on its own; anything else must come from us. */
    private static final Set<String> BASE_NAMES = Set.of("PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_");

    @Test
    void scriptEnvironmentHoldsOnlyTheAllowedVariablesAndNoSecret() throws IOException {
        fx.serviceScript("ollama", "env > '" + fx.marker("env") + "'");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("request_id", "req-42");
        facts.put("fingerprint", "abc123");
        facts.put("category", "critical");
        facts.put("groupKey", "{}:{alertname=\"OllamaServiceDown\"}");
        facts.put("service", "evil"); // must not override ALERT_SERVICE
        facts.put("note", "line1\nline2\u0007\u001b[31m\u202eend" + "y".repeat(5000));
        facts.put("!!!", "nameless"); // no usable name: dropped
        facts.put("empty", null);

        RecoveryResult result = fx.recovery().handle(firing("ollama"), facts, null);
        assertThat(result.success()).as(result.message()).isTrue();

        Map<String, String> env = Files.readAllLines(fx.marker("env")).stream()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "", (a, b) -> a + "\n" + b));
        Set<String> alertNames = new HashSet<>(env.keySet());
        alertNames.removeAll(BASE_NAMES);
        assertThat(alertNames).containsExactlyInAnyOrder(
                "ALERT_NAME", "ALERT_SERVICE", "ALERT_SEVERITY", "ALERT_STATUS", "ALERT_SUMMARY", "ALERT_STARTS_AT",
                "ALERT_REQUEST_ID", "ALERT_FINGERPRINT", "ALERT_CATEGORY", "ALERT_GROUP_KEY", "ALERT_NOTE");
        assertThat(env).containsEntry("PATH", AutoRecovery.SAFE_PATH)
                .containsEntry("HOME", fx.dir.toRealPath().toString())
                .containsEntry("LANG", "C.UTF-8")
                .containsEntry("ALERT_NAME", "OllamaServiceDown")
                .containsEntry("ALERT_SERVICE", "ollama")
                .containsEntry("ALERT_SEVERITY", "critical")
                .containsEntry("ALERT_STATUS", "firing")
                .containsEntry("ALERT_SUMMARY", "Ollama service is down")
                .containsEntry("ALERT_STARTS_AT", "2025-11-29T09:59:00Z")
                .containsEntry("ALERT_REQUEST_ID", "req-42")
                .containsEntry("ALERT_GROUP_KEY", "{}:{alertname=\"OllamaServiceDown\"}");
        assertThat(env.get("ALERT_NOTE")).startsWith("line1line2[31mendyyy").hasSize(1024)
                .doesNotContain("\u001b", "\u0007", "\u202e");

        // nothing of this JVM's own environment leaked: no foreign name, no value of it
        Set<String> ours = Set.copyOf(env.values());
        List<String> leakedNames = System.getenv().keySet().stream()
                .filter(name -> !BASE_NAMES.contains(name) && !name.startsWith("ALERT_"))
                .filter(env::containsKey).toList();
        assertThat(leakedNames).isEmpty();
        String dump = Files.readString(fx.marker("env"));
        List<String> leakedValues = System.getenv().values().stream()
                .filter(value -> value.length() >= 8 && !ours.contains(value))
                .filter(value -> ours.stream().noneMatch(v -> v.contains(value)))
                .filter(dump::contains).toList();
        assertThat(leakedValues).isEmpty();
    }

    @Test
    void environmentIsBuiltFromScratch() {
        Map<String, String> env = AutoRecovery.environment(firing("ollama"), "ollama",
                Map.of("requestId", "r1", "x".repeat(200), "long-key"), Path.of("/app/scripts/recovery"));

        assertThat(env.keySet()).allMatch(k -> Set.of("PATH", "HOME", "LANG").contains(k) || k.matches("ALERT_[A-Z0-9_]+"));
        assertThat(env).containsEntry("ALERT_REQUEST_ID", "r1")
                .containsEntry("HOME", "/app/scripts/recovery")
                .doesNotContainKey("JAVA_HOME")
                .doesNotContainKey("USER");
        assertThat(env.keySet()).allMatch(k -> k.length() <= "ALERT_".length() + 64);
    }

    private Set<Path> tree() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.collect(Collectors.toSet());
        }
    }
}
