package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Cli;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * What a replay request must say before anything is re-published: explicit criteria or an
 * explicit {@code "all": true} ({@code --all}), every field known and of its type; anything else
 * is a 400 that replays nothing. A replay audits only what it did, and never re-publishes
 * earlier replay copies unless asked to.
 */
class ReplayRequestTest {

    private static final String PREFIX = "replay-request";
    private static final String TOKEN = "processor-api-token-replay-request";

    static ConfigurableApplicationContext processor;
    static KafkaConsumer<String, byte[]> offsets;
    static String disk1RequestId;

    private static String alert(String alertname) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\"},\"annotations\":{},\"startsAt\":\"2026-11-22T10:00:00Z\"}],\"groupKey\":\"" + alertname + "\"}";
    }

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of("NOTIFY_CATEGORIES", "", "PROCESSOR_API_TOKEN", TOKEN));
        try (SignedRecords records = new SignedRecords(PREFIX)) {
            disk1RequestId = records.send(Category.GPU, "Disk1", alert("Disk1"));
            records.send(Category.GPU, "Disk2", alert("Disk2"));
            records.send(Category.AI, "Model1", alert("Model1"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.outcomes(PREFIX).stream()
                .filter(d -> OutcomeResult.PROCESSED.equals(d.result())).count() == 3);
        offsets = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterAll
    static void stop() {
        if (offsets != null) {
            offsets.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    private static AdminHttp.Answer replay(String body) {
        return AdminHttp.post(Apps.port(processor), "/replay", body, TOKEN);
    }

    private static int size(String topicSuffix) {
        return TopicReader.readAll(PREFIX + "." + topicSuffix).size();
    }

    /** End offsets of every category topic and the audit topic: what a replay would move. */
    private static Map<TopicPartition, Long> endOffsets() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Stream.concat(Stream.of(Category.values()).map(c -> PREFIX + "." + c.id()),
                Stream.of(PREFIX + ".audit")).toList()) {
            offsets.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return offsets.endOffsets(partitions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "{}", "null", "42", "{", "",
            "{\"all\":false}", "{\"all\":\"true\"}", "{\"all\":1}", "{\"dry_run\":true}", "{\"force\":true}",
            "{\"actor\":\"mallory\"}", "{\"include_replays\":true}", "{\"categories\":[]}", "{\"category\":null}",
            "{\"category\":\"gpu\",\"bogus\":1}", "{\"all\":true,\"categry\":\"gpu\"}", "{\"category\":5}",
            "{\"category\":\"nuclear\"}", "{\"categories\":\"gpu\"}", "{\"categories\":[\"gpu\",7]}",
            "{\"categories\":[\"gpu\"],\"category\":\"ai\"}", "{\"partition\":\"0\"}", "{\"partition\":1.5}",
            "{\"partition\":-1}", "{\"partition\":0,\"from_offset\":99999999999999999999999}",
            "{\"from_offset\":0}", "{\"from\":12}", "{\"from\":\"yesterday\"}",
            "{\"from\":\"2026-11-23T00:00:00Z\",\"to\":\"2026-11-22T00:00:00Z\"}", "{\"request_id\":{}}",
            "{\"alertname\":[\"Disk1\"]}", "{\"category\":\"gpu\",\"dry_run\":\"no\"}",
            "{\"category\":\"gpu\",\"force\":null,\"include_replays\":1}", "{\"category\":\"gpu\",\"actor\":[]}"})
    void aBodyWithoutExplicitCriteriaOrOfTheWrongShapeIs400AndReplaysNothing(String body) {
        Map<TopicPartition, Long> before = endOffsets();

        AdminHttp.Answer answer = replay(body);

        assertThat(answer.status()).as("%s -> %s", body, answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asString()).isEqualTo("Bad request");
        assertThat(answer.json().get("message").asString()).isNotBlank();
        assertThat(endOffsets()).as("nothing re-published, nothing audited").isEqualTo(before);
    }

    @Test
    void aBodyPastTheServersLimitIsRefusedWithoutAServerError() {
        Map<TopicPartition, Long> before = endOffsets();
        AdminHttp.Answer answer = replay("{\"all\":true,\"actor\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(answer.status()).as(answer.text()).isIn(400, 413);
        assertThat(endOffsets()).isEqualTo(before);
    }

    @Test
    void redriveBodiesAreReadAsStrictlyAndAnEmptyRedriveIsNotAudited() {
        int port = Apps.port(processor);
        for (String body : List.of("[]", "{}", "{\"category\":\"gpu\"}", "{\"category\":\"gpu\",\"bogus\":1}",
                "{\"category\":7,\"all\":true}", "{\"category\":\"gpu\",\"all\":\"yes\"}",
                "{\"category\":\"gpu\",\"partition\":\"x\"}")) {
            AdminHttp.Answer answer = AdminHttp.post(port, "/dead-letters/redrive", body, TOKEN);
            assertThat(answer.status()).as("%s -> %s", body, answer.text()).isEqualTo(400);
            assertThat(answer.json().get("error").asString()).isEqualTo("Bad request");
        }
        int auditBefore = size("audit");
        AdminHttp.Answer none = AdminHttp.post(port, "/dead-letters/redrive", "{\"category\":\"gpu\",\"all\":true}",
                TOKEN);
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.json().get("count").asInt()).isZero();
        assertThat(none.json().get("audited").asBoolean()).isFalse();
        assertThat(size("audit")).isEqualTo(auditBefore);
    }

    @Test
    void explicitAllOrExplicitCriteriaAreEnough() {
        AdminHttp.Answer all = replay("{\"all\":true,\"dry_run\":true}");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.json().get("count").asInt()).isEqualTo(3);

        AdminHttp.Answer gpu = replay("{\"category\":\"gpu\",\"dry_run\":true,\"actor\":\"alice\"}");
        assertThat(gpu.status()).as(gpu.text()).isEqualTo(200);
        assertThat(gpu.json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void dryRunsAndEmptyResultsWriteNoAuditEntryAndSaySo() {
        int auditBefore = size("audit");

        JsonNode dryRun = replay("{\"all\":true,\"dry_run\":true}").json();
        assertThat(dryRun.get("count").asInt()).isEqualTo(3);
        assertThat(dryRun.get("audited").asBoolean()).isFalse();
        assertThat(dryRun.get("note").asString()).contains("dry run");

        AdminHttp.Answer nothing = replay("{\"request_id\":\"no-such-request\"}");
        assertThat(nothing.status()).as(nothing.text()).isEqualTo(200);
        assertThat(nothing.json().get("count").asInt()).isZero();
        assertThat(nothing.json().get("audited").asBoolean()).isFalse();
        assertThat(nothing.json().get("note").asString()).contains("nothing");
        assertThat(size("audit")).as("neither wrote an audit entry").isEqualTo(auditBefore);

        JsonNode one = replay("{\"request_id\":\"" + disk1RequestId + "\",\"actor\":\"alice\"}").json();
        assertThat(one.get("count").asInt()).isEqualTo(1);
        assertThat(one.get("audited").asBoolean()).isTrue();
        List<String> audit = TopicReader.readAll(PREFIX + ".audit").stream().map(r -> new String(r.value())).toList();
        assertThat(audit).hasSize(auditBefore + 1);
        assertThat(audit.get(audit.size() - 1)).contains(one.get("id").asString()).contains("\"actor\":\"alice via api");
    }

    @Test
    void repeatedReplaysDoNotRepublishEarlierCopiesUnlessAsked() {
        JsonNode first = replay("{\"category\":\"ai\",\"force\":true}").json();
        assertThat(first.get("count").asInt()).isEqualTo(1);
        JsonNode second = replay("{\"category\":\"ai\",\"force\":true}").json();
        assertThat(second.get("count").asInt()).as("the first replay's copy is not replayed again").isEqualTo(1);
        assertThat(second.get("replay_copies_excluded").asInt()).isGreaterThanOrEqualTo(1);

        int copiesAndOriginal = size("ai");
        assertThat(copiesAndOriginal).isGreaterThanOrEqualTo(3);
        JsonNode withCopies = replay("{\"category\":\"ai\",\"include_replays\":true,\"dry_run\":true}").json();
        assertThat(withCopies.get("count").asInt()).isEqualTo(copiesAndOriginal);
    }

    @Test
    void theCliWantsCriteriaOrAllToo() {
        int before = size("gpu");
        Cli.Result bare = Cli.run(PREFIX, Map.of(), "replay");
        assertThat(bare.exitCode()).as(bare.err()).isEqualTo(2);
        assertThat(bare.err()).contains("--all");
        assertThat(Cli.run(PREFIX, Map.of(), "replay", "--force", "--dry-run").exitCode()).isEqualTo(2);
        assertThat(size("gpu")).as("nothing re-published").isEqualTo(before);

        Cli.Result all = Cli.run(PREFIX, Map.of(), "replay", "--all", "--dry-run", "--json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.json().get("count").asInt()).isEqualTo(3);

        Cli.Result copies = Cli.run(PREFIX, Map.of(), "replay", "--category", "gpu", "--include-replays", "--dry-run",
                "--json");
        assertThat(copies.exitCode()).as(copies.err()).isZero();
        assertThat(copies.json().get("count").asInt()).isEqualTo(size("gpu"));
    }
}
