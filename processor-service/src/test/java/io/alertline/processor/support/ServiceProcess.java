package io.alertline.processor.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A service in a child JVM, started from its main class with environment variables only, as a
 * deployment starts it. The classpath is the test's without any test classes or test resources:
 * the tests' {@code logback-test.xml} would otherwise replace Boot's own logging configuration,
 * which is what a test of the log format must see. Standard output goes to a file.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;

    private ServiceProcess(Process process, Path stdout) {
        this.process = process;
        this.stdout = stdout;
    }

    public static ServiceProcess start(String mainClass, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("alertline-service-", ".out");
            ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", mainClasspath(), mainClass)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".err").toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(builder.start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line written to standard output so far. */
    public List<String> stdoutLines() {
        try {
            return Files.readAllLines(stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire's real classpath minus test classes and test jars (where logback-test.xml lives). */
    static String mainClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator)
                        && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
