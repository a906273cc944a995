package io.alertline.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker in a child JVM, from the Kafka server jars already on the
 * test classpath. Unlike the embedded broker it can be killed and started again on the same
 * port and data directory, which is what an outage test needs.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final int internalPort;
    private final SaslSslSetup saslSsl;
    private Process process;

    /** A broker whose clients connect in plain text. */
    public KafkaBrokerProcess() {
        this(null);
    }

    /**
     * A broker whose only client listener is SASL_SSL (SCRAM over TLS, {@code user}/{@code password},
     * certificates generated now); the broker itself talks to itself over a separate loopback listener.
     */
    public static KafkaBrokerProcess saslSsl(String user, String password) {
        return new KafkaBrokerProcess(SaslSslSetup.generate(SaslSslSetup.tempDir(), user, password));
    }

    private KafkaBrokerProcess(SaslSslSetup saslSsl) {
        try {
            this.dir = Files.createTempDirectory("alertline-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.saslSsl = saslSsl;
        this.port = freePort();
        this.controllerPort = freePort();
        this.internalPort = saslSsl == null ? -1 : freePort();
        writeConfig();
        List<String> format = new java.util.ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t",
                "q1Sh-9_ISia_zwGINzRvyQ", "-c", dir.resolve("server.properties").toString()));
        if (saslSsl != null) {
            format.addAll(saslSsl.formatArguments());
        }
        run(format);
    }

    /** The SASL_SSL settings of a {@link #saslSsl} broker (null for a plain-text one). */
    public SaslSslSetup security() {
        return saslSsl;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(java(), "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath(), "kafka.Kafka",
                    dir.resolve("server.properties").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka broker process did not start; see " + dir.resolve("broker.log"));
            }
            sleepBriefly();
        }
    }

    /** Kills the broker at once, as a crash or a network cut would look to clients. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void writeConfig() {
        List<String> listeners = saslSsl == null
                ? List.of("listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT")
                : List.of("listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort
                                + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort,
                        "inter.broker.listener.name=INTERNAL",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL");
        List<String> lines = new java.util.ArrayList<>(listeners);
        if (saslSsl != null) {
            lines.addAll(saslSsl.brokerConfig());
        }
        String config = String.join("\n", lines) + "\n" + String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "");
        try {
            Files.writeString(dir.resolve("server.properties"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(List<String> mainAndArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-cp", classpath()));
        command.addAll(mainAndArgs);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tool.log").toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed; see " + dir.resolve("tool.log"));
            }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
