package io.alertline.deploy;

import static io.alertline.deploy.DeployFiles.bytes;
import static io.alertline.deploy.DeployFiles.command;
import static io.alertline.deploy.DeployFiles.environment;
import static io.alertline.deploy.DeployFiles.list;
import static io.alertline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.alertline.deploy.DeployFiles.ServiceConfig;

/**
 * The rules docker-compose.yml and .env.example must follow to stay in step with the services'
 * configuration. Each method fails with an AssertionError naming what drifted; the tests run
 * them on the real files, and on broken copies to prove that each rule can fail.
 */
final class ComposeChecks {

    static final String KAFKA = "kafka";
    static final String INGEST = "ingest-service";
    static final String PROCESSOR = "processor-service";
    static final List<String> APP_SERVICES = List.of(INGEST, PROCESSOR);
    static final long INGEST_MEMORY_MAX = 256L << 20;

    private static final Pattern PORT = Pattern.compile("(?:(?<ip>[^:]+):)?(?<host>\\d+):(?<container>\\d+)(?:/tcp)?");
    /** The readiness probe: DOWN while Kafka is unreachable, so depends_on waits for a working service. */
    private static final Pattern LOCAL_HEALTH_URL = Pattern.compile(
            "https?://(?:127\\.0\\.0\\.1|localhost):(?<port>\\d+)/actuator/health/readiness(?:[\\s\"'?]|$)");
    /**
     * Variables compose sets for settings announced before the services read them (the bind
     * addresses, landing in parallel): allowed in the environment, pinned to 0.0.0.0.
     */
    static final Map<String, Map<String, String>> ANNOUNCED = Map.of(
            INGEST, Map.of("INGEST_BIND_ADDRESS", "0.0.0.0"),
            PROCESSOR, Map.of("PROCESSOR_BIND_ADDRESS", "0.0.0.0"));

    private ComposeChecks() {
    }

    static Map<String, Object> services(Map<String, Object> compose) {
        return map(compose.get("services"), "services");
    }

    static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(services(compose).get(name), "service " + name);
    }

    static void threeServices(Map<String, Object> compose) {
        assertThat(services(compose)).as("compose services").containsKeys(KAFKA, INGEST, PROCESSOR);
        Map<String, Object> kafka = service(compose, KAFKA);
        assertThat(String.valueOf(kafka.get("image"))).as("kafka image").startsWith("apache/kafka:");
        for (String app : APP_SERVICES) {
            Map<String, Object> build = map(service(compose, app).get("build"), app + " build");
            assertThat(build.get("context")).as("%s build context (the repository root)", app).isEqualTo(".");
            assertThat(build.get("dockerfile")).as("%s Dockerfile", app).isEqualTo(app + "/Dockerfile");
        }
    }

    /** Each service publishes its own port, and that port is the one its configuration listens on. */
    static void publishedPorts(Map<String, Object> compose, ServiceConfig config) {
        for (String app : APP_SERVICES) {
            int port = config.port(app);
            String portVar = INGEST.equals(app) ? "INGEST_PORT" : "PROCESSOR_PORT";
            Map<String, String> env = environment(service(compose, app).get("environment"), app + " environment");
            if (env.containsKey(portVar)) {
                assertThat(env.get(portVar)).as("%s %s pinned in compose", app, portVar).isEqualTo(String.valueOf(port));
            }
            List<String> mappings = new ArrayList<>();
            for (Object p : list(service(compose, app).get("ports"), app + " ports")) {
                Matcher m = PORT.matcher(String.valueOf(p));
                assertThat(m.matches()).as("%s port mapping [ip:]host:container: %s", app, p).isTrue();
                mappings.add(m.group("host") + ":" + m.group("container"));
            }
            assertThat(mappings).as("%s publishes %d (its %s default) on the same host port", app, port, portVar)
                    .contains(port + ":" + port);
        }
    }

    /** compose sets only variables the service reads. */
    static void environmentNamesAreRead(Map<String, Object> compose, ServiceConfig config) {
        for (String app : APP_SERVICES) {
            Map<String, String> env = environment(service(compose, app).get("environment"), app + " environment");
            assertThat(env).as("%s environment", app).isNotEmpty();
            Set<String> allowed = new LinkedHashSet<>(config.of(app).keySet());
            allowed.addAll(ANNOUNCED.get(app).keySet());
            assertThat(allowed).as("variables %s reads (placeholders of its yml)", app).containsAll(env.keySet());
        }
    }

    /** compose points the services at the compose broker's advertised listener. */
    static void bootstrapServers(Map<String, Object> compose) {
        Map<String, String> kafkaEnv = environment(service(compose, KAFKA).get("environment"), "kafka environment");
        String advertised = kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(advertised).as("kafka KAFKA_ADVERTISED_LISTENERS").isNotBlank();
        Set<String> listeners = new LinkedHashSet<>();
        for (String l : advertised.split(",")) {
            listeners.add(l.replaceFirst("^[A-Za-z_]+://", "").strip());
        }
        for (String app : APP_SERVICES) {
            Map<String, String> env = environment(service(compose, app).get("environment"), app + " environment");
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as("%s KAFKA_BOOTSTRAP_SERVERS", app).isNotBlank();
            for (String server : bootstrap.split(",")) {
                assertThat(listeners).as("%s bootstrap %s is an advertised listener of the kafka service", app, server)
                        .contains(server.strip());
                assertThat(server.strip()).as("%s bootstrap host is the compose service", app).startsWith(KAFKA + ":");
            }
        }
    }

    /**
     * .env.example lists exactly the variables the services read, each with its default
     * (or, where compose pins it, the pinned value), and at least every variable of the README's
     * configuration table.
     */
    static void envExample(Map<String, String> envExample, Map<String, Object> compose, ServiceConfig config,
            Set<String> readmeVariables) {
        Map<String, String> all = config.all();
        assertThat(envExample.keySet()).as(".env.example variables (every one a service reads)")
                .containsAll(all.keySet());
        assertThat(all.keySet()).as("variables the services read (no stray name in .env.example)")
                .containsAll(envExample.keySet());
        assertThat(envExample.keySet()).as(".env.example covers the README configuration table")
                .containsAll(readmeVariables);
        for (Map.Entry<String, String> e : envExample.entrySet()) {
            String name = e.getKey();
            String pinned = null;
            for (String app : APP_SERVICES) {
                Map<String, String> env = environment(service(compose, app).get("environment"), app + " environment");
                if (env.containsKey(name) && !env.get(name).startsWith("${" + name + ":")) {
                    // (a ${NAME:?...} value passes .env's own value through: not a pin)
                    assertThat(pinned == null || pinned.equals(env.get(name)))
                            .as("%s pinned to one value for both services", name).isTrue();
                    pinned = env.get(name);
                }
            }
            if (pinned != null && all.containsKey(name) && isAnnounced(name)) {
                // a bind address: .env.example may show the pinned 0.0.0.0 or the services' loopback default
                assertThat(e.getValue()).as(".env.example %s (the value docker-compose.yml pins, or the default)", name)
                        .isIn(pinned, all.get(name));
            } else {
                String expected = pinned != null ? pinned : all.get(name);
                assertThat(e.getValue()).as(".env.example %s (%s)", name,
                        pinned != null ? "the value docker-compose.yml pins" : "the services' default").isEqualTo(expected);
            }
        }
    }

    private static boolean isAnnounced(String name) {
        return ANNOUNCED.values().stream().anyMatch(m -> m.containsKey(name));
    }

    static void envFiles(Map<String, Object> compose) {
        for (String app : APP_SERVICES) {
            Object envFile = service(compose, app).get("env_file");
            List<String> files = new ArrayList<>();
            if (envFile instanceof List<?> items) {
                for (Object item : items) {
                    files.add(item instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(item));
                }
            } else {
                files.add(String.valueOf(envFile));
            }
            assertThat(files).as("%s env_file", app).contains(".env");
        }
    }

    /** Health checks on all three; the services call their own readiness probe on their own port. */
    static void healthChecks(Map<String, Object> compose, ServiceConfig config) {
        String kafkaCheck = command(map(service(compose, KAFKA).get("healthcheck"), "kafka healthcheck").get("test"),
                "kafka healthcheck test");
        assertThat(kafkaCheck).as("kafka healthcheck uses the image's own tool").contains("/opt/kafka/bin/");
        for (String app : APP_SERVICES) {
            Map<String, Object> hc = map(service(compose, app).get("healthcheck"), app + " healthcheck");
            assertThat(hc.get("disable")).as("%s healthcheck disabled", app).isNotEqualTo(Boolean.TRUE);
            String cmd = command(hc.get("test"), app + " healthcheck test");
            Matcher m = LOCAL_HEALTH_URL.matcher(cmd);
            assertThat(m.find()).as("%s healthcheck calls http://127.0.0.1:<port>/actuator/health/readiness: %s", app, cmd)
                    .isTrue();
            assertThat(Integer.parseInt(m.group("port"))).as("%s healthcheck port", app).isEqualTo(config.port(app));
        }
    }

    /**
     * The processor listens beyond loopback in compose (PROCESSOR_BIND_ADDRESS 0.0.0.0), where it
     * refuses to start without PROCESSOR_API_TOKEN: compose requires it ({@code ${VAR:?message}}).
     */
    static void apiTokenRequired(Map<String, Object> compose) {
        Map<String, String> env = environment(service(compose, PROCESSOR).get("environment"), "processor environment");
        assertThat(env.get("PROCESSOR_BIND_ADDRESS")).as("processor PROCESSOR_BIND_ADDRESS").isEqualTo("0.0.0.0");
        assertThat(environment(service(compose, INGEST).get("environment"), "ingest environment").get("INGEST_BIND_ADDRESS"))
                .as("ingest INGEST_BIND_ADDRESS").isEqualTo("0.0.0.0");
        assertThat(env.get("PROCESSOR_API_TOKEN")).as("processor PROCESSOR_API_TOKEN required by compose")
                .isNotNull().matches("\\$\\{PROCESSOR_API_TOKEN:\\?[^}]+}");
    }

    static void dependsOnHealthyKafka(Map<String, Object> compose) {
        for (String app : APP_SERVICES) {
            Map<String, Object> deps = map(service(compose, app).get("depends_on"),
                    app + " depends_on (long form, with a condition)");
            Map<String, Object> kafka = map(deps.get(KAFKA), app + " depends_on kafka");
            assertThat(kafka.get("condition")).as("%s waits for a healthy kafka", app).isEqualTo("service_healthy");
        }
    }

    /** ./scripts/recovery is mounted read-only where the processor looks for scripts by default. */
    static void recoveryMount(Map<String, Object> compose, ServiceConfig config, Path repoRoot) {
        String recoveryDir = config.processor().get("RECOVERY_DIR");
        assertThat(recoveryDir).as("RECOVERY_DIR default").isNotBlank();
        Map<String, String> env = environment(service(compose, PROCESSOR).get("environment"), "processor environment");
        String target = env.getOrDefault("RECOVERY_DIR", recoveryDir);
        boolean found = false;
        for (Object v : list(service(compose, PROCESSOR).get("volumes"), "processor volumes")) {
            String source;
            String mountTarget;
            boolean readOnly;
            if (v instanceof Map<?, ?> raw) {
                Map<String, Object> m = map(raw, "processor volume");
                source = String.valueOf(m.get("source"));
                mountTarget = String.valueOf(m.get("target"));
                readOnly = Boolean.TRUE.equals(m.get("read_only"));
            } else {
                String[] parts = String.valueOf(v).split(":");
                assertThat(parts.length).as("volume %s is source:target[:mode]", v).isBetween(2, 3);
                source = parts[0];
                mountTarget = parts[1];
                readOnly = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
            }
            if (mountTarget.equals(target)) {
                found = true;
                assertThat(source).as("recovery scripts mount source").isIn("./scripts/recovery", "./scripts/recovery/");
                assertThat(readOnly).as("recovery scripts mounted read-only").isTrue();
            }
        }
        assertThat(found).as("processor mounts the recovery scripts at %s", target).isTrue();
        for (String svc : config.processor().get("RECOVERY_ALLOWED_SERVICES").split(",")) {
            Path script = repoRoot.resolve("scripts/recovery").resolve(svc.strip() + "-recovery.sh");
            assertThat(Files.isRegularFile(script)).as("recovery script for allowed service %s: %s", svc, script)
                    .isTrue();
        }
    }

    /** read-only root, /tmp tmpfs, non-root user, restart policy. */
    static void hardening(Map<String, Object> compose) {
        for (String name : List.of(KAFKA, INGEST, PROCESSOR)) {
            assertThat(service(compose, name).get("restart")).as("%s restart", name).isEqualTo("unless-stopped");
        }
        for (String app : APP_SERVICES) {
            Map<String, Object> svc = service(compose, app);
            assertThat(svc.get("read_only")).as("%s read_only root filesystem", app).isEqualTo(Boolean.TRUE);
            Object tmpfs = svc.get("tmpfs");
            List<String> mounts = new ArrayList<>();
            if (tmpfs instanceof List<?> items) {
                items.forEach(i -> mounts.add(String.valueOf(i).split(":")[0]));
            } else if (tmpfs != null) {
                mounts.add(String.valueOf(tmpfs).split(":")[0]);
            }
            assertThat(mounts).as("%s tmpfs", app).contains("/tmp");
            String user = String.valueOf(svc.get("user"));
            assertThat(user).as("%s user", app).isNotEqualTo("null").doesNotStartWith("root").doesNotStartWith("0:")
                    .isNotEqualTo("0");
        }
    }

    static long memoryLimit(Map<String, Object> compose, String name) {
        Map<String, Object> svc = service(compose, name);
        Object limit = svc.get("mem_limit");
        if (limit == null && svc.get("deploy") != null) {
            Map<String, Object> resources = map(map(svc.get("deploy"), name + " deploy").get("resources"),
                    name + " deploy.resources");
            limit = map(resources.get("limits"), name + " deploy.resources.limits").get("memory");
        }
        return bytes(limit, name + " memory limit");
    }

    static void memoryLimits(Map<String, Object> compose) {
        for (String name : List.of(KAFKA, INGEST, PROCESSOR)) {
            assertThat(memoryLimit(compose, name)).as("%s memory limit", name).isPositive();
        }
        assertThat(memoryLimit(compose, INGEST)).as("ingest memory limit (the original's 256 MB)")
                .isLessThanOrEqualTo(INGEST_MEMORY_MAX);
    }

    /** The broker keeps its data in a named volume at its log dir, and checks itself with its own tool. */
    static void kafkaStorage(Map<String, Object> compose) {
        Map<String, String> env = environment(service(compose, KAFKA).get("environment"), "kafka environment");
        String logDirs = env.get("KAFKA_LOG_DIRS");
        assertThat(logDirs).as("kafka KAFKA_LOG_DIRS").isNotBlank();
        assertThat(env.get("KAFKA_PROCESS_ROLES")).as("KRaft single node").isEqualTo("broker,controller");
        Map<String, Object> named = map(compose.get("volumes"), "top-level volumes");
        boolean found = false;
        for (Object v : list(service(compose, KAFKA).get("volumes"), "kafka volumes")) {
            String[] parts = String.valueOf(v).split(":");
            if (parts.length >= 2 && parts[1].equals(logDirs)) {
                found = true;
                assertThat(named).as("kafka data volume %s is a named volume", parts[0]).containsKey(parts[0]);
            }
        }
        assertThat(found).as("kafka mounts a volume at %s", logDirs).isTrue();
    }
}
