package io.alertline.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a broker needs to accept only SASL_SSL clients (SCRAM-SHA-512 over TLS), generated at
 * test time: a self-signed certificate for 127.0.0.1 made with the JDK's {@code keytool}, a
 * trust store holding it, and one SCRAM user. The same settings are offered as Spring Boot
 * properties ({@code spring.kafka.*}, what the services and admin subcommands read) and as raw
 * Kafka client properties (for the test's own clients).
 */
public final class SaslSslSetup {

    public static final String MECHANISM = "SCRAM-SHA-512";

    private final Path keyStore;
    private final Path trustStore;
    private final String storePassword;
    private final String user;
    private final String password;

    private SaslSslSetup(Path keyStore, Path trustStore, String storePassword, String user, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.storePassword = storePassword;
        this.user = user;
        this.password = password;
    }

    /** Generates the key pair, certificate and trust store in {@code dir}. */
    public static SaslSslSetup generate(Path dir, String user, String password) {
        String storePassword = "store-" + Long.toHexString(System.nanoTime());
        Path keyStore = dir.resolve("broker.p12");
        Path cert = dir.resolve("broker.pem");
        Path trustStore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", storePassword,
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);
        return new SaslSslSetup(keyStore, trustStore, storePassword, user, password);
    }

    /** {@code StorageTool format} arguments that create the SCRAM user before the first start. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + user + ",password=" + password + "]");
    }

    /** server.properties lines for the client listener named {@code SASL_SSL}. */
    List<String> brokerConfig() {
        return List.of(
                "sasl.enabled.mechanisms=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.location=" + keyStore,
                "ssl.keystore.password=" + storePassword,
                "ssl.key.password=" + storePassword,
                "ssl.keystore.type=PKCS12");
    }

    /** Spring Boot properties that make every client of a service speak SASL_SSL, as a user would set them. */
    public Map<String, String> springProperties(String withPassword) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.kafka.security.protocol", "SASL_SSL");
        p.put("spring.kafka.ssl.trust-store-location", "file:" + trustStore);
        p.put("spring.kafka.ssl.trust-store-password", storePassword);
        p.put("spring.kafka.ssl.trust-store-type", "PKCS12");
        p.put("spring.kafka.properties.sasl.mechanism", MECHANISM);
        p.put("spring.kafka.properties.sasl.jaas.config", jaas(withPassword));
        return p;
    }

    /** The same settings for a plain Kafka client. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("ssl.truststore.location", trustStore.toString());
        p.put("ssl.truststore.password", storePassword);
        p.put("ssl.truststore.type", "PKCS12");
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(password));
        return p;
    }

    public String password() {
        return password;
    }

    private String jaas(String withPassword) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + withPassword + "\";";
    }

    private static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("alertline-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
