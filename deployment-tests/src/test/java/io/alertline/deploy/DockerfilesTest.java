package io.alertline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.alertline.deploy.DeployFiles.ServiceConfig;

/**
 * The two Dockerfiles (no Docker engine is needed: they are read as text): multi-stage module
 * build, Spring Boot's layered extraction, a non-root JRE 17 runtime that exposes and
 * health-checks the port the service's configuration listens on; and the .dockerignore that keeps
 * secrets and build output out of the context.
 */
class DockerfilesTest {

    private static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)");
    private static final Pattern XMX = Pattern.compile("JDK_JAVA_OPTIONS=\"[^\"]*-Xmx(\\d+[kmgKMG])");
    /** Resident memory besides the heap, measured for both services (140-165 MB). */
    static final long NON_HEAP = 160L << 20;

    private static Path root;
    private static ServiceConfig config;

    @BeforeAll
    static void load() {
        root = DeployFiles.repoRoot();
        config = DeployFiles.serviceConfig();
    }

    /** The rules for one module's Dockerfile text. */
    static void check(String module, String dockerfile, int port) {
        assertThat(dockerfile).as("%s: builds its module and what it needs", module)
                .containsPattern("mvn [^\\n]*-pl " + Pattern.quote(module) + " -am");
        assertThat(dockerfile).as("%s: JDK 17 Maven build stage", module).containsPattern("(?m)^ARG MAVEN_IMAGE=maven:[^\\s]*temurin-17");
        assertThat(dockerfile).as("%s: Spring Boot 4 layered extraction", module)
                .contains("-Djarmode=tools").contains("extract --layers --launcher");
        assertThat(dockerfile).as("%s: eclipse-temurin 17 JRE runtime", module)
                .containsPattern("(?m)^ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
        assertThat(dockerfile.split("(?m)^FROM ", -1).length - 1).as("%s: multi-stage", module).isGreaterThanOrEqualTo(2);
        for (String layer : LAYERS) {
            assertThat(dockerfile).as("%s: copies layer %s", module, layer).containsPattern("COPY --from=\\S+ \\S*/" + layer + "/");
        }
        assertThat(dockerfile).as("%s: starts the extracted launcher", module)
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        List<String> users = new ArrayList<>();
        Matcher u = USER.matcher(dockerfile);
        while (u.find()) {
            users.add(u.group(1));
        }
        assertThat(users).as("%s: USER", module).isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("%s: runs as non-root", module).doesNotStartWith("root")
                .doesNotStartWith("0").isNotEqualTo("0:0");
        Matcher e = EXPOSE.matcher(dockerfile);
        assertThat(e.find()).as("%s: EXPOSE", module).isTrue();
        assertThat(Integer.parseInt(e.group(1))).as("%s: EXPOSE is the configured port", module).isEqualTo(port);
        assertThat(dockerfile).as("%s: HEALTHCHECK on the readiness probe", module)
                .containsPattern("(?s)HEALTHCHECK .*127\\.0\\.0\\.1:\\$\\{[A-Z_]+:-" + port + "}/actuator/health/readiness\"");
        assertThat(dockerfile).as("%s: the jar from Maven in a container (default) or from the host (JAR_SOURCE=host)", module)
                .containsPattern("(?m)^ARG JAR_SOURCE=maven$")
                .containsPattern("(?m)^FROM \\$\\{MAVEN_IMAGE} AS jar-maven$")
                .containsPattern("(?m)^FROM \\$\\{RUNTIME_IMAGE} AS jar-host$")
                .containsPattern("(?m)^COPY " + Pattern.quote(module + "/target/" + module) + "-\\*-exec\\.jar ")
                .containsPattern("(?m)^FROM jar-\\$\\{JAR_SOURCE} AS build$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "processor-service"})
    void dockerfileBuildsLayersAndRunsNonRoot(String module) {
        check(module, DeployFiles.read(root.resolve(module).resolve("Dockerfile")), config.port(module));
    }

    @Test
    void ruleNoticesAWrongPortRootUserAndPlainJar() {
        String good = DeployFiles.read(root.resolve("ingest-service/Dockerfile"));
        check("ingest-service", good, 5001);
        assertThatThrownBy(() -> check("ingest-service", good.replace("EXPOSE 5001", "EXPOSE 8080"), 5001))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> check("ingest-service", good.replace("USER 10001:10001", "USER root"), 5001))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> check("ingest-service", good.replace("extract --layers --launcher", "extract"), 5001))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> check("processor-service", good, 5002)).isInstanceOf(AssertionError.class);
    }

    /** The image's heap plus the measured non-heap memory fits the container's limit in docker-compose.yml. */
    static void heapFitsTheLimit(String module, String dockerfile, long limit) {
        Matcher m = XMX.matcher(dockerfile);
        assertThat(m.find()).as("%s: JDK_JAVA_OPTIONS sets -Xmx", module).isTrue();
        long heap = DeployFiles.bytes(m.group(1), module + " -Xmx");
        assertThat(heap + NON_HEAP).as("%s: -Xmx%s + %d MB non-heap within the %d MB limit", module, m.group(1),
                NON_HEAP >> 20, limit >> 20).isLessThanOrEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "processor-service"})
    void heapFitsTheComposeMemoryLimit(String module) {
        long limit = ComposeChecks.memoryLimit(
                DeployFiles.yaml(DeployFiles.read(root.resolve("docker-compose.yml")), "docker-compose.yml"), module);
        String dockerfile = DeployFiles.read(root.resolve(module).resolve("Dockerfile"));
        heapFitsTheLimit(module, dockerfile, limit);
        assertThatThrownBy(() -> heapFitsTheLimit(module, dockerfile, 200L << 20)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> heapFitsTheLimit(module, dockerfile.replace("-Xmx", "-Xms"), limit))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void dockerignoreKeepsSecretsAndBuildOutputOut() {
        List<String> lines = List.of(DeployFiles.read(root.resolve(".dockerignore")).split("\n"));
        assertThat(lines).as(".dockerignore").contains(".env", "**/target/", ".alertline/", ".git/");
        // the one jar per module a JAR_SOURCE=host build copies, nothing else of target/
        assertThat(lines.stream().filter(l -> l.startsWith("!")).toList()).as(".dockerignore exceptions")
                .containsExactlyInAnyOrder("!ingest-service/target/ingest-service-*-exec.jar",
                        "!processor-service/target/processor-service-*-exec.jar");
    }
}
