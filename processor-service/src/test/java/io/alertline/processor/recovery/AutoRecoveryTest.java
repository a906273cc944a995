package io.alertline.processor.recovery;

import static io.alertline.processor.recovery.RecoveryFixture.T0;
import static io.alertline.processor.recovery.RecoveryFixture.alert;
import static io.alertline.processor.recovery.RecoveryFixture.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What runs when, and what the result says. */
class AutoRecoveryTest {

    @TempDir
    Path tmp;

    RecoveryFixture fx;
    ExecutorService pool;

    @BeforeEach
    void setUp() throws IOException {
        fx = new RecoveryFixture(tmp);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void successfulScriptRunsInTheRecoveryDirAfterBeforeRunAndItsOutputIsKept() throws IOException {
        fx.serviceScript("ollama", """
                echo "Attempting Ollama recovery..."
                [ -f '%s' ] && echo before-run-seen > '%s'
                pwd > '%s'
                echo "to stderr" >&2
                echo "recovered $ALERT_SERVICE"
                exit 0""".formatted(fx.marker("before"), fx.marker("ordered"), fx.marker("cwd")));
        AtomicInteger beforeRuns = new AtomicInteger();

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), () -> {
            beforeRuns.incrementAndGet();
            try {
                Files.writeString(fx.marker("before"), "x");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(result.attempted()).isTrue();
        assertThat(result.success()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.message()).isEqualTo("Recovery script succeeded");
        assertThat(result.service()).isEqualTo("ollama");
        assertThat(result.outputTail())
                .contains("Attempting Ollama recovery...", "to stderr")
                .endsWith("recovered ollama\n");
        assertThat(result.executionTimeSeconds()).isBetween(0.0, 10.0);
        assertThat(result.startedAt()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(beforeRuns).hasValue(1);
        assertThat(Files.readString(fx.marker("ordered")).trim()).isEqualTo("before-run-seen");
        assertThat(Path.of(Files.readString(fx.marker("cwd")).trim())).isEqualTo(fx.dir.toRealPath());
    }

    @Test
    void failingScriptReportsItsExitCode() throws IOException {
        fx.serviceScript("ollama", "echo 'Ollama recovery failed'\nexit 3");

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), () -> { });

        assertThat(result.attempted()).isTrue();
        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.message()).isEqualTo("Recovery script failed with exit code 3");
        assertThat(result.outputTail()).isEqualTo("Ollama recovery failed\n");
    }

    @Test
    void stdinIsDevNullSoAScriptReadingItDoesNotHang() throws IOException {
        fx.serviceScript("ollama", "cat\necho after-cat");
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(5), Duration.ZERO, Set.of("ollama")), fx.clock);

        RecoveryResult result = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.outputTail()).isEqualTo("after-cat\n");
        assertThat(result.executionTimeSeconds()).isLessThan(4.0);
    }

    @Test
    void outputTailIsBoundedAndEndsWithTheLastLine() throws IOException {
        // ~1 MiB: 16384 lines of 64 bytes, then a last line
        fx.serviceScript("ollama", """
                i=0
                while [ $i -lt 16384 ]; do
                  printf 'line %05d 0123456789012345678901234567890123456789012345678\\n' $i
                  i=$((i+1))
                done
                echo LAST-LINE""");

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.outputTail().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(result.outputTail()).endsWith("line 16383 0123456789012345678901234567890123456789012345678\nLAST-LINE\n")
                .doesNotContain("line 00000");
    }

    @Test
    void resolvedAlertNeverRunsTheScript() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ran");
        AtomicInteger beforeRuns = new AtomicInteger();

        RecoveryResult result = fx.recovery().handle(
                alert("resolved", "ollama", Map.of("recovery", "auto")), Map.of(), beforeRuns::incrementAndGet);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).isEqualTo("skipped: resolved alert");
        assertThat(result.service()).isEqualTo("ollama");
        assertThat(beforeRuns).hasValue(0);
        assertThat(fx.marker("ran")).doesNotExist();
    }

    @Test
    void alertWithoutAutoRecoveryAnnotationGetsNoRecoverySection() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ran");
        AutoRecovery recovery = fx.recovery();

        assertThat(recovery.handle(alert("firing", "ollama", Map.of("summary", "down")), Map.of(), null)).isNull();
        assertThat(recovery.handle(alert("firing", "ollama", Map.of("recovery", "manual")), Map.of(), null)).isNull();
        assertThat(recovery.handle(alert("firing", "ollama", null), null, null)).isNull();
        assertThat(fx.marker("ran")).doesNotExist();
    }

    @Test
    void serviceOutsideTheAllowListIsRefused() throws IOException {
        fx.markerScript(fx.dir.resolve("postgres-recovery.sh"), "ran");

        RecoveryResult result = fx.recovery().handle(firing("postgres"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).isEqualTo("refused: service 'postgres' is not in the recovery allow-list");
        assertThat(fx.marker("ran")).doesNotExist();
    }

    @Test
    void allowListIsConfigurable() throws IOException {
        fx.markerScript(fx.dir.resolve("postgres-recovery.sh"), "postgres");
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ollama");
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(10), Duration.ZERO, Set.of("postgres")), fx.clock);

        assertThat(recovery.handle(firing("postgres"), Map.of(), null).success()).isTrue();
        assertThat(recovery.handle(firing("ollama"), Map.of(), null).attempted()).isFalse();
        assertThat(fx.markerNames()).containsExactly("postgres");
    }

    @Test
    void alertWithoutServiceLabelIsSkipped() {
        RecoveryResult result = fx.recovery().handle(firing(null), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).isEqualTo("skipped: alert has no service label");
    }

    @Test
    void missingScriptIsNotAttempted() {
        RecoveryResult result = fx.recovery().handle(firing("searxng"), Map.of(), () -> {
            throw new AssertionError("beforeRun must not be called");
        });

        assertThat(result.attempted()).isFalse();
        assertThat(result.success()).isNull();
        assertThat(result.message()).startsWith("skipped: no recovery script for service 'searxng'")
                .contains("searxng-recovery.sh");
    }

    @Test
    void missingRecoveryDirectoryIsRefusedClearly() {
        Path missing = tmp.resolve("no-such-dir");
        AutoRecovery recovery = new AutoRecovery(
                new RecoverySettings(missing, Set.of("ollama"), Duration.ofSeconds(5), Duration.ZERO, 4096), fx.clock);

        RecoveryResult result = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).isEqualTo("refused: recovery directory " + missing + " does not exist or is not a directory");
    }

    @Test
    void secondAlertWithinCooldownIsSkippedAndRunsAgainAfterIt() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "runs");
        AutoRecovery recovery = fx.recovery(); // cooldown 5 min

        RecoveryResult first = recovery.handle(firing("ollama"), Map.of(), null);
        fx.clock.advance(Duration.ofMinutes(4));
        RecoveryResult second = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(first.success()).isTrue();
        assertThat(second.attempted()).isFalse();
        assertThat(second.message()).isEqualTo("skipped: cooldown until 2025-11-29T10:05:00Z");
        assertThat(fx.lines("runs")).isEqualTo(1);

        fx.clock.advance(Duration.ofMinutes(1));
        assertThat(recovery.handle(firing("ollama"), Map.of(), null).success()).isTrue();
        assertThat(fx.lines("runs")).isEqualTo(2);
    }

    @Test
    void cooldownIsPerService() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "ollama");
        fx.markerScript(fx.dir.resolve("searxng-recovery.sh"), "searxng");
        AutoRecovery recovery = fx.recovery();

        recovery.handle(firing("ollama"), Map.of(), null);
        RecoveryResult other = recovery.handle(firing("searxng"), Map.of(), null);

        assertThat(other.success()).isTrue();
        assertThat(fx.markerNames()).containsExactly("ollama", "searxng");
    }

    @Test
    void zeroCooldownLetsEveryAlertRun() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "runs");
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(10), Duration.ZERO, Set.of("ollama")), fx.clock);

        recovery.handle(firing("ollama"), Map.of(), null);
        recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(fx.lines("runs")).isEqualTo(2);
    }

    @Test
    void earlierRunFromHistoryStartsTheCooldown() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "runs");
        AutoRecovery recovery = fx.recovery();

        recovery.recordEarlierRun("ollama", T0.minus(Duration.ofMinutes(2)));
        RecoveryResult skipped = recovery.handle(firing("ollama"), Map.of(), null);

        assertThat(skipped.attempted()).isFalse();
        assertThat(skipped.message()).isEqualTo("skipped: cooldown until 2025-11-29T10:03:00Z");
        assertThat(fx.lines("runs")).isZero();

        // an older run than the one known does not shorten the cooldown; past the cooldown it runs
        recovery.recordEarlierRun("ollama", T0.minus(Duration.ofHours(1)));
        fx.clock.advance(Duration.ofMinutes(3));
        assertThat(recovery.handle(firing("ollama"), Map.of(), null).success()).isTrue();
        assertThat(fx.lines("runs")).isEqualTo(1);
    }

    @Test
    void earlierRunOutsideTheCooldownDoesNotBlock() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "runs");
        AutoRecovery recovery = fx.recovery();

        recovery.recordEarlierRun("ollama", T0.minus(Duration.ofMinutes(6)));
        recovery.recordEarlierRun("not-allowed", T0); // ignored, no error
        recovery.recordEarlierRun(null, T0);

        assertThat(recovery.handle(firing("ollama"), Map.of(), null).success()).isTrue();
        assertThat(fx.lines("runs")).isEqualTo(1);
    }

    @Test
    void twoAlertsAtOnceForOneServiceRunTheScriptOnce() throws Exception {
        fx.serviceScript("ollama", "echo run >> '" + fx.marker("counter") + "'\nsleep 1");
        AutoRecovery recovery = fx.recovery();
        CountDownLatch go = new CountDownLatch(1);

        List<Future<RecoveryResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return recovery.handle(firing("ollama"), Map.of(), null);
            }));
        }
        go.countDown();
        List<RecoveryResult> results = new ArrayList<>();
        for (Future<RecoveryResult> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }

        assertThat(results).filteredOn(RecoveryResult::attempted).hasSize(1)
                .allSatisfy(r -> assertThat(r.success()).isTrue());
        assertThat(results).filteredOn(r -> !r.attempted()).singleElement()
                .satisfies(r -> assertThat(r.message()).satisfiesAnyOf(
                        m -> assertThat(m).isEqualTo("skipped: recovery already running"),
                        m -> assertThat(m).startsWith("skipped: cooldown")));
        assertThat(fx.lines("counter")).isEqualTo(1);
    }

    @Test
    void aRunInProgressBlocksTheSameServiceEvenWithoutCooldown() throws Exception {
        fx.serviceScript("ollama", "echo run >> '" + fx.marker("counter") + "'\nsleep 1");
        fx.markerScript(fx.dir.resolve("searxng-recovery.sh"), "searxng");
        AutoRecovery recovery = new AutoRecovery(
                fx.settings(Duration.ofSeconds(10), Duration.ZERO, Set.of("ollama", "searxng")), fx.clock);
        CountDownLatch firstStarting = new CountDownLatch(1);

        Future<RecoveryResult> first = pool.submit(
                () -> recovery.handle(firing("ollama"), Map.of(), firstStarting::countDown));
        assertThat(firstStarting.await(10, TimeUnit.SECONDS)).isTrue();
        RecoveryResult second = recovery.handle(firing("ollama"), Map.of(), null);
        RecoveryResult otherService = recovery.handle(firing("searxng"), Map.of(), null);

        assertThat(second.attempted()).isFalse();
        assertThat(second.message()).isEqualTo("skipped: recovery already running");
        assertThat(otherService.success()).isTrue();
        assertThat(first.get(30, TimeUnit.SECONDS).success()).isTrue();
        assertThat(fx.lines("counter")).isEqualTo(1);
        // the lock is released afterwards
        assertThat(recovery.handle(firing("ollama"), Map.of(), null).success()).isTrue();
        assertThat(fx.lines("counter")).isEqualTo(2);
    }

    @Test
    void failingBeforeRunPropagatesRunsNothingAndDoesNotStartTheCooldown() throws IOException {
        fx.markerScript(fx.dir.resolve("ollama-recovery.sh"), "runs");
        AutoRecovery recovery = fx.recovery();

        assertThatThrownBy(() -> recovery.handle(firing("ollama"), Map.of(), () -> {
            throw new IllegalStateException("outcome topic unavailable");
        })).isInstanceOf(IllegalStateException.class).hasMessage("outcome topic unavailable");
        assertThat(fx.lines("runs")).isZero();

        RecoveryResult retry = recovery.handle(firing("ollama"), Map.of(), null);
        assertThat(retry.success()).isTrue();
        assertThat(fx.lines("runs")).isEqualTo(1);
    }

    @Test
    void scriptWhoseInterpreterIsMissingIsReportedAsAttemptedAndFailed() throws IOException {
        Path script = fx.dir.resolve("ollama-recovery.sh");
        Files.writeString(script, "#!/nonexistent/interpreter\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isTrue();
        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isNull();
        assertThat(result.message()).startsWith("Recovery script could not be started");
    }

    @Test
    void executableWithoutShebangIsRefusedRatherThanHandedToAShell() throws IOException {
        Path script = fx.dir.resolve("ollama-recovery.sh");
        Files.writeString(script, "echo ran >> '" + fx.marker("ran") + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        RecoveryResult result = fx.recovery().handle(firing("ollama"), Map.of(), null);

        assertThat(result.attempted()).isFalse();
        assertThat(result.message()).endsWith("has no #! line and is not an ELF binary");
        assertThat(fx.marker("ran")).doesNotExist();
    }
}
