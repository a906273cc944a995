package io.alertline.processor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.alertline.processor.ProcessorApplication;

/**
 * Runs an operator subcommand as its own JVM through the jar's real entry point
 * ({@link ProcessorApplication#main}), with exactly the environment given and nothing inherited:
 * what an operator typing {@code java -jar processor-service.jar verify …} gets, exit code,
 * stdout (Kafka client log lines included) and stderr.
 */
public final class CliProcess {

    private CliProcess() {
    }

    /** Fails the test if the subcommand has not exited within {@code timeout}. */
    public static Cli.Result run(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classpath(), ProcessorApplication.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("alertline-cli-", ".out");
            Path err = Files.createTempFile("alertline-cli-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("`" + String.join(" ", args) + "` did not exit within " + timeout
                        + "; stderr so far:\n" + Files.readString(err));
            }
            Cli.Result result = new Cli.Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire hides the real classpath behind a manifest-only jar; it publishes it here. */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
