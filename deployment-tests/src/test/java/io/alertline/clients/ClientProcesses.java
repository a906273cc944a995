package io.alertline.clients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the example clients in {@code scripts/} as real processes from the repository root, with
 * the caller's environment minus anything that could change where or how they send (proxies,
 * inherited {@code WEBHOOK_*} variables), and a hard time limit.
 */
final class ClientProcesses {

    static final String PYTHON_CLIENT = "scripts/webhook-client-python.py";
    static final String SHELL_LIBRARY = "scripts/webhook-examples.sh";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ClientProcesses() {
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        @Override
        public String toString() {
            return "command " + command + " exited " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
                    + stderr;
        }
    }

    /** The repository root: the surefire working directory is the module, {@code ingest-service/}. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SHELL_LIBRARY)) && Files.isRegularFile(dir.resolve(PYTHON_CLIENT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SHELL_LIBRARY + " above " + Path.of("").toAbsolutePath());
    }

    /** {@code python3 scripts/webhook-client-python.py ARGS}. */
    static Result python(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", PYTHON_CLIENT));
        command.addAll(List.of(args));
        return run(env, command);
    }

    /** {@code bash -c SCRIPT}, exactly as given (nothing sourced). */
    static Result bash(Map<String, String> env, String script) {
        return run(env, List.of("bash", "-c", script));
    }

    /** {@code bash -c 'source scripts/webhook-examples.sh; SCRIPT'}. */
    static Result shell(Map<String, String> env, String script) {
        return bash(env, "source " + SHELL_LIBRARY + "\n" + script);
    }

    /**
     * A bash ANSI-C quoted word ({@code $'...'}) for any string: bytes other than plain ASCII are
     * written as {@code \xHH} of their UTF-8 encoding, so the command line the JVM hands to the OS
     * is pure ASCII and non-ASCII text arrives byte-exact whatever the JVM's locale.
     */
    static String sh(String value) {
        StringBuilder word = new StringBuilder("$'");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " .,:/=_-+%()".indexOf(c) >= 0) {
                word.append((char) c);
            } else {
                word.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return word.append('\'').toString();
    }

    static Result run(Map<String, String> env, List<String> command) {
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("alertline-client-", ".out");
            stderr = Files.createTempFile("alertline-client-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("WEBHOOK_")
                    || name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
            environment.putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + TIMEOUT + ": " + command + "\n--- stdout ---\n"
                        + Files.readString(stdout) + "\n--- stderr ---\n" + Files.readString(stderr));
            }
            return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
