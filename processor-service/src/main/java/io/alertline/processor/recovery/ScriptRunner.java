package io.alertline.processor.recovery;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one executable without a shell and without arguments, in a given directory, with exactly
 * the given environment, stdin from {@code /dev/null}, stdout and stderr merged into a bounded
 * tail, and a timeout that kills the whole process tree.
 */
final class ScriptRunner {

    private static final File DEV_NULL = new File("/dev/null");
    /** How long to wait for the output pipe to close after the script itself ended. */
    private static final long DRAIN_GRACE_MILLIS = 2_000;
    private static final long EXIT_WAIT_MILLIS = 5_000;
    private static final int KILL_ROUNDS = 10;

    private ScriptRunner() {
    }

    /** {@code exitCode} is null when the script timed out, was interrupted or did not start. */
    record Execution(Integer exitCode, boolean timedOut, boolean interrupted, String startError,
            long elapsedNanos, String outputTail) {
    }

    static Execution run(Path executable, Path workingDirectory, Map<String, String> environment,
            Duration timeout, int maxOutputBytes) {
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.directory(workingDirectory.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.redirectErrorStream(true);

        OutputTail tail = new OutputTail(maxOutputBytes);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new Execution(null, false, false, e.getClass().getSimpleName(), System.nanoTime() - started, "");
        }
        Thread drainer = new Thread(() -> drain(process.getInputStream(), tail),
                "recovery-output-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();

        boolean finished;
        boolean interrupted = false;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            finished = false;
            interrupted = true;
        }
        if (!finished) {
            killTree(process);
        }
        long elapsed = System.nanoTime() - started;
        joinQuietly(drainer, DRAIN_GRACE_MILLIS);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Integer exitCode = finished ? process.exitValue() : null;
        return new Execution(exitCode, !finished && !interrupted, interrupted, null, elapsed, tail.text());
    }

    private static void drain(InputStream in, OutputTail tail) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                tail.write(chunk, 0, n);
            }
        } catch (IOException ignored) {
            // the process is gone or the stream was closed: the tail has what arrived
        }
    }

    /**
     * Kills the script and everything it started. Descendants are snapshotted before anything
     * dies (a killed parent's children are re-parented and no longer show up as descendants),
     * and the snapshot is repeated while the script still lives, to catch children it starts
     * meanwhile. Only then the script itself is killed.
     */
    static void killTree(Process process) {
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> found = new ArrayList<>(process.descendants().toList());
            for (ProcessHandle known : List.copyOf(seen)) {
                found.addAll(known.descendants().toList());
            }
            boolean killedAny = false;
            for (ProcessHandle handle : found) {
                if (handle.isAlive()) {
                    seen.add(handle);
                    handle.destroyForcibly();
                    killedAny = true;
                }
            }
            if (!killedAny || !process.isAlive()) {
                break;
            }
            sleepQuietly(10);
        }
        // the script last: take a final snapshot right before, so that what it started
        // since the last round is still known after it died and its children were re-parented
        List<ProcessHandle> last = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle handle : last) {
            seen.add(handle);
            handle.destroyForcibly();
        }
        boolean interrupted = false;
        try {
            process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (ProcessHandle handle : seen) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
