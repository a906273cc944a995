package io.alertline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * A category made genuinely stuck: an operator lowers the outcome topic's max.message.bytes, so
 * every outcome write is refused and the consumer retries the record forever (as it must: the
 * outcome is what makes the action effectively-once). Health must say so, and recover once an
 * operator puts the limit back.
 */
class StuckCategoryHealthTest {

    private static final String PREFIX = "stuck-health";
    private static final ConfigResource OUTCOMES = new ConfigResource(ConfigResource.Type.TOPIC, PREFIX + ".outcomes");

    static ConfigurableApplicationContext processor;
    static SignedRecords records;
    static Admin admin;

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of(
                "CATEGORY_STUCK_AFTER", "2s",
                "management.endpoint.health.show-details", "always"));
        records = new SignedRecords(PREFIX);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (records != null) {
            records.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void aCategoryThatCannotCommitTurnsHealthDownNamingItAndUpOnceFixed() throws Exception {
        int port = Apps.port(processor);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Reply health = Http.get(port, "/health", null);
            assertThat(health.status()).isEqualTo(200);
            // healthy includes the outcome index, as readiness does
            assertThat(health.body().path("outcome_index").asString()).isEqualTo("caught up");
            assertThat(Http.get(port, "/actuator/health/readiness", null).status()).isEqualTo(200);
        });
        String limit = admin.describeConfigs(List.of(OUTCOMES)).all().get(30, TimeUnit.SECONDS).get(OUTCOMES)
                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();

        Instant before = Instant.now();
        setOutcomeLimit("100");
        String requestId = records.send(Category.GENERIC, "k", "{\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"Stuck" + UUID.randomUUID().toString().substring(0, 8) + "\"},\"startsAt\":\"2026-11-22T10:00:00Z\"}]}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Reply health = Http.get(port, "/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().get("categories").asString()).isEqualTo("stuck");
            JsonNode stuck = health.body().get("stuck_categories").get(0);
            assertThat(stuck.get("category").asString()).isEqualTo("generic");
            assertThat(Instant.parse(stuck.get("since").asString())).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(stuck.get("lag").asLong()).isEqualTo(1);
        });
        Http.Reply readiness = Http.get(port, "/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.body().get("components").get("categories").get("details").get("stuck").get(0)
                .get("category").asString()).isEqualTo("generic");
        assertThat(Http.get(port, "/actuator/health", null).status()).isEqualTo(503);
        assertThat(Http.get(port, "/actuator/health/liveness", null).status())
                .as("a restart would not unstick it").isEqualTo(200);

        setOutcomeLimit(limit);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(Http.get(port, "/health", null).status()).isEqualTo(200);
            assertThat(Http.get(port, "/actuator/health/readiness", null).status()).isEqualTo(200);
        });
        assertThat(TopicReader.outcomes(PREFIX)).anySatisfy(d -> {
            assertThat(d.requestId()).isEqualTo(requestId);
            assertThat(d.result()).isEqualTo(OutcomeResult.PROCESSED);
        });
    }

    private static void setOutcomeLimit(String bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(OUTCOMES, List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET))))
                .all().get(30, TimeUnit.SECONDS);
    }
}
