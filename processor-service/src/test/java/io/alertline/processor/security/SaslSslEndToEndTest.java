package io.alertline.processor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.testing.KafkaBrokerProcess;
import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Cli;
import io.alertline.processor.support.CliProcess;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.LogLines;
import tools.jackson.databind.JsonNode;

/**
 * Every Kafka client honours the Kafka security settings: against a broker whose only client
 * listener is SASL_SSL (SCRAM-SHA-512 over TLS), the ingest, the processor (listeners, outcome
 * tail, health admin, replay service) and the admin subcommands all connect with the same
 * {@code spring.kafka.*} settings; with a wrong password each says "authentication" promptly.
 */
class SaslSslEndToEndTest {

    private static final String PREFIX = "sasl-ssl";
    private static final String PASSWORD = "scram-password-0123456789";
    private static final String WRONG_PASSWORD = "not-the-password-9876543210";
    private static final Duration CLI_DEADLINE = Duration.ofSeconds(30);

    static KafkaBrokerProcess broker;
    static ConfigurableApplicationContext ingest;
    static ConfigurableApplicationContext processor;
    /** Closed only with the others: closing one in-JVM WebFlux app stops Reactor Netty's shared loops for all. */
    static final List<ConfigurableApplicationContext> misconfigured = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = KafkaBrokerProcess.saslSsl("alertline", PASSWORD);
        broker.start();
        Map<String, String> security = broker.security().springProperties(PASSWORD);
        ingest = Apps.ingest(broker.bootstrapServers(), PREFIX, security);
        Map<String, String> processorProps = new HashMap<>(security);
        processorProps.put("NOTIFY_CATEGORIES", "");
        processor = Apps.processor(broker.bootstrapServers(), PREFIX, processorProps);
    }

    @AfterAll
    static void stop() {
        misconfigured.forEach(ConfigurableApplicationContext::close);
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {processor, ingest}) {
            if (app != null) {
                app.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSignedAlertIsProcessedAndTheProcessorsReplayApiReplaysItOverSaslSsl() {
        String requestId = postAndAwaitProcessed("OverTls");
        assertThat(Http.get(Apps.port(ingest), "/health", null).status()).as("ingest health admin").isEqualTo(200);
        assertThat(Http.get(Apps.port(processor), "/health", null).body().get("kafka").asString())
                .as("processor health admin").isEqualTo("up");

        // The service's own replay service: its consumer scans the topic, its producer writes the copy and audit entry.
        AdminHttp.Answer replay = AdminHttp.post(Apps.port(processor), "/replay", "{\"categories\":[\"warning\"],"
                + "\"request_id\":\"" + requestId + "\",\"force\":true,\"actor\":\"ops-bot\"}", null);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.json().get("count").asInt()).isEqualTo(1);
        assertThat(replay.json().get("audited").asBoolean()).isTrue();
        String replayId = replay.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(requestId).stream()
                .anyMatch(o -> replayId.equals(o.path("replay_id").asString(null))
                        && "processed".equals(o.get("result").asString())));
    }

    @Test
    void verifyFromTheEnvironmentFindsTheRecordsValid() {
        String requestId = postAndAwaitProcessed("Verified");
        Cli.Result verify = CliProcess.run(operatorEnvironment(PASSWORD), CLI_DEADLINE,
                "verify", "--category", "warning", "--request-id", requestId, "--json");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.json().get("records").asInt()).isEqualTo(1);
        assertThat(verify.json().get("valid").asInt()).isEqualTo(1);
        assertThat(verify.json().get("invalid").asInt()).isZero();
    }

    @Test
    void replayFromTheEnvironmentDryRunChangesNothingAndARealOneIsAbsorbedByDedup() {
        String requestId = postAndAwaitProcessed("Replayed");
        Map<String, String> env = operatorEnvironment(PASSWORD);
        Cli.Result dryRun = CliProcess.run(env, CLI_DEADLINE, "replay", "--category", "warning",
                "--request-id", requestId, "--dry-run", "--json");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.json().get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.json().get("count").asInt()).isEqualTo(1);
        assertThat(outcomes(requestId)).as("a dry run re-publishes nothing").hasSize(1);

        Cli.Result replay = CliProcess.run(env, CLI_DEADLINE, "replay", "--category", "warning",
                "--request-id", requestId, "--actor", "ops", "--json");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.json().get("count").asInt()).isEqualTo(1);
        String replayId = replay.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(requestId).stream()
                .anyMatch(o -> replayId.equals(o.path("replay_id").asString(null))
                        && "duplicate".equals(o.get("result").asString())));
    }

    @Test
    void aWrongPasswordMakesASubcommandFailFastNamingAuthenticationWithoutShowingIt() {
        Instant started = Instant.now();
        Cli.Result verify = CliProcess.run(operatorEnvironment(WRONG_PASSWORD), CLI_DEADLINE,
                "verify", "--category", "warning");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(Duration.between(started, Instant.now())).isLessThan(CLI_DEADLINE);
        assertThat(verify.err()).containsIgnoringCase("failed: Kafka refused to authenticate")
                .contains("SaslAuthenticationException");
        assertThat(verify.out() + verify.err()).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD)
                .doesNotContain(trustStorePassword());
    }

    @Test
    void servicesWithAWrongPasswordReportAuthenticationFailedOnHealthAndInTheLog() {
        Map<String, String> wrong = broker.security().springProperties(WRONG_PASSWORD);
        misconfigured.add(Apps.ingest(broker.bootstrapServers(), PREFIX + "-bad", wrong));
        misconfigured.add(Apps.processor(broker.bootstrapServers(), PREFIX + "-bad", wrong));
        try (LogLines log = LogLines.capture()) {
            for (ConfigurableApplicationContext app : misconfigured) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Http.Reply health = Http.get(Apps.port(app), "/health", null);
                    assertThat(health.status()).isEqualTo(503);
                    assertThat(health.body().get("kafka").asString()).isEqualTo("authentication failed");
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> log.lines().stream()
                    .anyMatch(l -> (l.startsWith("WARN") || l.startsWith("ERROR")) && l.contains("Authentication failed")));
            assertThat(String.join("\n", log.lines())).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD)
                    .doesNotContain(trustStorePassword());
        }
    }

    /** What an operator exports before running the jar's subcommands against this cluster. */
    private static Map<String, String> operatorEnvironment(String password) {
        Map<String, String> spring = broker.security().springProperties(password);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("KAFKA_TOPIC_PREFIX", PREFIX);
        env.put("RECORD_SIGNING_KEY", Apps.RECORD_SIGNING_KEY);
        env.put("WEBHOOK_SECRET", Apps.HMAC_SECRET);
        env.put("USER", "test-operator");
        env.put("SPRING_KAFKA_SECURITY_PROTOCOL", spring.get("spring.kafka.security.protocol"));
        env.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", spring.get("spring.kafka.properties.sasl.mechanism"));
        env.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", spring.get("spring.kafka.properties.sasl.jaas.config"));
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", spring.get("spring.kafka.ssl.trust-store-location"));
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", spring.get("spring.kafka.ssl.trust-store-password"));
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", spring.get("spring.kafka.ssl.trust-store-type"));
        return env;
    }

    private static String trustStorePassword() {
        return broker.security().springProperties(PASSWORD).get("spring.kafka.ssl.trust-store-password");
    }

    /** Posts a signed warning to the real ingest and waits for the processor's outcome, read through its API. */
    private static String postAndAwaitProcessed(String alertname) {
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\",\"severity\":\"warning\"},\"annotations\":{}}],\"groupKey\":\"" + alertname + "\"}";
        Http.Reply accepted = Http.postSigned(Apps.port(ingest), "/webhook/warning", body);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(200);
        String requestId = accepted.body().get("request_id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(requestId).stream()
                .anyMatch(o -> "processed".equals(o.get("result").asString())));
        return requestId;
    }

    private static List<JsonNode> outcomes(String requestId) {
        Http.Reply reply = Http.get(Apps.port(processor), "/alerts/" + requestId, null);
        return reply.status() == 200 ? reply.body().get("outcomes").valueStream().toList() : List.of();
    }
}
