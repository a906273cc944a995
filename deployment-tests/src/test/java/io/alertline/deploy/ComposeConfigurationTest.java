package io.alertline.deploy;

import static io.alertline.deploy.ComposeChecks.INGEST;
import static io.alertline.deploy.ComposeChecks.KAFKA;
import static io.alertline.deploy.ComposeChecks.PROCESSOR;
import static io.alertline.deploy.ComposeChecks.service;
import static io.alertline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.alertline.deploy.DeployFiles.ServiceConfig;

/**
 * docker-compose.yml and .env.example against the services' configuration (application.yml,
 * processor.yml) and the README's configuration table, so none of them can drift apart. The
 * second half breaks one thing at a time in a copy and checks that the rule notices.
 */
class ComposeConfigurationTest {

    private static Path root;
    private static String composeText;
    private static String envExampleText;
    private static ServiceConfig config;
    private static Set<String> readmeVariables;

    @BeforeAll
    static void load() {
        root = DeployFiles.repoRoot();
        composeText = DeployFiles.read(root.resolve("docker-compose.yml"));
        envExampleText = DeployFiles.read(root.resolve(".env.example"));
        config = DeployFiles.serviceConfig();
        readmeVariables = readmeConfigurationVariables(DeployFiles.read(root.resolve("README.md")));
    }

    /**
     * Variable names in the first column of README's "## Configuration" table (not of its
     * subsections, such as the Spring Boot Kafka security settings, which no service file names).
     */
    static Set<String> readmeConfigurationVariables(String readme) {
        Set<String> out = new LinkedHashSet<>();
        boolean inSection = false;
        Pattern name = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
        for (String line : readme.split("\n")) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                inSection = line.strip().equals("## Configuration");
                continue;
            }
            if (inSection && line.startsWith("| `")) {
                Matcher m = name.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        assertThat(out).as("variables of README's configuration table").hasSizeGreaterThan(20);
        return out;
    }

    private static Map<String, Object> compose() {
        return DeployFiles.yaml(composeText, "docker-compose.yml");
    }

    private static Map<String, String> envExample() {
        return DeployFiles.envFile(envExampleText, ".env.example");
    }

    // ---------------------------------------------------------------- the real files

    @Test
    void kafkaIngestAndProcessorServicesExist() {
        ComposeChecks.threeServices(compose());
    }

    @Test
    void publishedPortsAreTheServicesDefaultPorts() {
        ComposeChecks.publishedPorts(compose(), config);
        assertThat(config.port(INGEST)).isEqualTo(5001);
        assertThat(config.port(PROCESSOR)).isEqualTo(5002);
    }

    @Test
    void composeSetsOnlyVariablesTheServicesRead() {
        ComposeChecks.environmentNamesAreRead(compose(), config);
    }

    @Test
    void servicesUseTheComposeBrokerAndTheEnvFile() {
        ComposeChecks.bootstrapServers(compose());
        ComposeChecks.envFiles(compose());
    }

    @Test
    void envExampleListsEveryVariableWithItsDefault() {
        ComposeChecks.envExample(envExample(), compose(), config, readmeVariables);
    }

    @Test
    void healthChecksCallHealthOnEachServicesPort() {
        ComposeChecks.healthChecks(compose(), config);
    }

    @Test
    void processorListensBeyondLoopbackOnlyWithAnApiToken() {
        ComposeChecks.apiTokenRequired(compose());
    }

    @Test
    void servicesWaitForAHealthyBroker() {
        ComposeChecks.dependsOnHealthyKafka(compose());
    }

    @Test
    void recoveryScriptsAreMountedReadOnlyAtRecoveryDir() {
        ComposeChecks.recoveryMount(compose(), config, root);
    }

    @Test
    void servicesRunHardened() {
        ComposeChecks.hardening(compose());
    }

    @Test
    void everyServiceHasAMemoryLimitAndTheIngestAtMost256Mb() {
        ComposeChecks.memoryLimits(compose());
    }

    @Test
    void kafkaKeepsItsDataInANamedVolume() {
        ComposeChecks.kafkaStorage(compose());
    }

    // ---------------------------------------------------------------- every rule can fail

    private record Breakage(String what, Consumer<Map<String, Object>> breakIt, Consumer<Map<String, Object>> rule) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Map<String, Object> svc(Map<String, Object> compose, String name) {
        return service(compose, name);
    }

    private static Map<String, Object> env(Map<String, Object> compose, String name) {
        return map(svc(compose, name).get("environment"), name + " environment");
    }

    private static Map<String, Object> healthcheck(Map<String, Object> compose, String name) {
        return map(svc(compose, name).get("healthcheck"), name + " healthcheck");
    }

    static Stream<Breakage> composeBreakages() {
        return Stream.of(
                new Breakage("processor service missing", c -> ComposeChecks.services(c).remove(PROCESSOR),
                        ComposeChecks::threeServices),
                new Breakage("kafka not from apache/kafka", c -> svc(c, KAFKA).put("image", "bitnami/kafka:4"),
                        ComposeChecks::threeServices),
                new Breakage("ingest publishes another host port", c -> svc(c, INGEST).put("ports", List.of("5003:5001")),
                        c -> ComposeChecks.publishedPorts(c, config)),
                new Breakage("processor container port differs from PROCESSOR_PORT",
                        c -> svc(c, PROCESSOR).put("ports", List.of("5002:8080")),
                        c -> ComposeChecks.publishedPorts(c, config)),
                new Breakage("compose pins INGEST_PORT to another port", c -> env(c, INGEST).put("INGEST_PORT", "6001"),
                        c -> ComposeChecks.publishedPorts(c, config)),
                new Breakage("a variable no service reads", c -> env(c, PROCESSOR).put("WEBHOOK_SECRETS", "x"),
                        c -> ComposeChecks.environmentNamesAreRead(c, config)),
                new Breakage("an ingest variable set on the processor", c -> env(c, PROCESSOR).put("INGEST_PORT", "5001"),
                        c -> ComposeChecks.environmentNamesAreRead(c, config)),
                new Breakage("bootstrap servers not the broker's listener",
                        c -> env(c, INGEST).put("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092"), ComposeChecks::bootstrapServers),
                new Breakage("no env_file", c -> svc(c, PROCESSOR).remove("env_file"), ComposeChecks::envFiles),
                new Breakage("ingest healthcheck on liveness instead of readiness",
                        c -> healthcheck(c, INGEST).put("test", List.of("CMD", "curl", "-f", "http://127.0.0.1:5001/actuator/health/liveness")),
                        c -> ComposeChecks.healthChecks(c, config)),
                new Breakage("processor healthcheck on the ingest's port",
                        c -> healthcheck(c, PROCESSOR).put("test", List.of("CMD", "curl", "-f", "http://127.0.0.1:5001/actuator/health/readiness")),
                        c -> ComposeChecks.healthChecks(c, config)),
                new Breakage("no kafka healthcheck", c -> svc(c, KAFKA).remove("healthcheck"),
                        c -> ComposeChecks.healthChecks(c, config)),
                new Breakage("API token optional", c -> env(c, PROCESSOR).put("PROCESSOR_API_TOKEN", "${PROCESSOR_API_TOKEN:-}"),
                        ComposeChecks::apiTokenRequired),
                new Breakage("processor bound to loopback", c -> env(c, PROCESSOR).remove("PROCESSOR_BIND_ADDRESS"),
                        ComposeChecks::apiTokenRequired),
                new Breakage("a bind address for the wrong service", c -> env(c, PROCESSOR).put("INGEST_BIND_ADDRESS", "0.0.0.0"),
                        c -> ComposeChecks.environmentNamesAreRead(c, config)),
                new Breakage("depends_on without health condition",
                        c -> map(svc(c, INGEST).get("depends_on"), "deps").put(KAFKA, Map.of("condition", "service_started")),
                        ComposeChecks::dependsOnHealthyKafka),
                new Breakage("depends_on short form", c -> svc(c, PROCESSOR).put("depends_on", List.of(KAFKA)),
                        ComposeChecks::dependsOnHealthyKafka),
                new Breakage("recovery scripts mounted read-write",
                        c -> svc(c, PROCESSOR).put("volumes", List.of("./scripts/recovery:/app/scripts/recovery")),
                        c -> ComposeChecks.recoveryMount(c, config, root)),
                new Breakage("recovery scripts mounted elsewhere",
                        c -> svc(c, PROCESSOR).put("volumes", List.of("./scripts/recovery:/opt/recovery:ro")),
                        c -> ComposeChecks.recoveryMount(c, config, root)),
                new Breakage("root filesystem writable", c -> svc(c, INGEST).put("read_only", false),
                        ComposeChecks::hardening),
                new Breakage("no /tmp tmpfs", c -> svc(c, PROCESSOR).remove("tmpfs"), ComposeChecks::hardening),
                new Breakage("runs as root", c -> svc(c, PROCESSOR).put("user", "root"), ComposeChecks::hardening),
                new Breakage("restart policy missing", c -> svc(c, KAFKA).remove("restart"), ComposeChecks::hardening),
                new Breakage("ingest over 256 MB", c -> svc(c, INGEST).put("mem_limit", "512m"), ComposeChecks::memoryLimits),
                new Breakage("ingest over 256 MB via deploy limits", c -> {
                    svc(c, INGEST).remove("mem_limit");
                    svc(c, INGEST).put("deploy", Map.of("resources", Map.of("limits", Map.of("memory", "300M"))));
                }, ComposeChecks::memoryLimits),
                new Breakage("processor without memory limit", c -> svc(c, PROCESSOR).remove("mem_limit"),
                        ComposeChecks::memoryLimits),
                new Breakage("kafka data not on a named volume", c -> svc(c, KAFKA).put("volumes", List.of("/srv/kafka:/var/lib/kafka/data")),
                        ComposeChecks::kafkaStorage));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("composeBreakages")
    void composeRuleNotices(Breakage breakage) {
        Map<String, Object> intact = compose();
        breakage.rule().accept(intact);
        Map<String, Object> broken = compose();
        breakage.breakIt().accept(broken);
        assertThatThrownBy(() -> breakage.rule().accept(broken)).isInstanceOf(AssertionError.class);
    }

    static Stream<Arguments> envExampleBreakages() {
        return Stream.of(
                Arguments.of("a variable the services read is missing",
                        (Consumer<Map<String, String>>) e -> e.remove("DEDUP_WINDOW")),
                Arguments.of("a variable no service reads",
                        (Consumer<Map<String, String>>) e -> e.put("ALLOWED_SERVICES", "ollama")),
                Arguments.of("a default that differs from the yml",
                        (Consumer<Map<String, String>>) e -> e.put("RATE_LIMIT_PER_MINUTE", "60")),
                Arguments.of("a value that differs from what compose pins",
                        (Consumer<Map<String, String>>) e -> e.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envExampleBreakages")
    void envExampleRuleNotices(String what, Consumer<Map<String, String>> breakIt) {
        Map<String, String> broken = new LinkedHashMap<>(envExample());
        breakIt.accept(broken);
        assertThatThrownBy(() -> ComposeChecks.envExample(broken, compose(), config, readmeVariables))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void envExampleRuleNoticesAReadmeVariableItLacks() {
        Set<String> readme = new LinkedHashSet<>(readmeVariables);
        readme.add("SOME_NEW_SETTING");
        assertThatThrownBy(() -> ComposeChecks.envExample(envExample(), compose(), config, readme))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void envFileFormatIsEnforced() {
        assertThat(DeployFiles.envFile("# one\nA=1\n\n# two\nB=\n", "ok")).containsExactly(Map.entry("A", "1"),
                Map.entry("B", ""));
        assertThatThrownBy(() -> DeployFiles.envFile("# one\nA=1\nB=2\n", "no comment"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> DeployFiles.envFile("# one\nA=1\n# again\nA=2\n", "twice"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> DeployFiles.envFile("# one\nexport A 1\n", "not NAME=value"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void placeholderParsingAndMemorySizes() {
        assertThat(DeployFiles.placeholders("a: ${A:1}\nb: ${B}\nc: ${C:127.0.0.1:29092}\nd: ${D:-1}", "t"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", ""), Map.entry("C", "127.0.0.1:29092"),
                        Map.entry("D", "-1"));
        assertThatThrownBy(() -> DeployFiles.placeholders("a: ${A:1}\nb: ${A:2}", "t"))
                .isInstanceOf(AssertionError.class);
        assertThat(DeployFiles.bytes("256m", "m")).isEqualTo(256L << 20);
        assertThat(DeployFiles.bytes("1g", "g")).isEqualTo(1L << 30);
        assertThat(DeployFiles.bytes("384MB", "mb")).isEqualTo(384L << 20);
        assertThatThrownBy(() -> DeployFiles.bytes("lots", "x")).isInstanceOf(AssertionError.class);
    }
}
