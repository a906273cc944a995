package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeKind;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 9, the processor's side: a record at the size limit whose retry or dead-letter copy
 * (the record plus routing headers) is larger than Kafka will take. Before, the copy's failure
 * held the offset and the consumer retried it every ~10 s forever, so every later alert of the
 * partition waited. Now the refusal is an {@code uncopyable} outcome, a metric and a WARN line,
 * and the partition moves on. The processor runs with the default {@code MAX_BODY_SIZE} (1 MB).
 */
class UncopyableRecordTest {

    private static final String PREFIX = "uncopyable";
    private static final RecordBudget BUDGET = RecordBudget.forMaxBody(1024 * 1024);

    static FakeChatServer slack;
    static ConfigurableApplicationContext processor;
    static SignedRecords records;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = admin()) {
            // A dead-letter topic an older version created with a small limit: startup must bring it to the budget.
            admin.createTopics(List.of(new NewTopic(PREFIX + ".generic.dlt", 3, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1000")))).all().get(30, TimeUnit.SECONDS);
        }
        slack = FakeChatServer.start();
        processor = Apps.processor(PREFIX, Map.of(
                "SLACK_WEBHOOK_URL", slack.url("/services/T000/B000/slack-secret-path"),
                "RETRY_MAX_ATTEMPTS", "3"));
        // Our own producer may write what the processor's may not: a record right at the topic's limit.
        records = new SignedRecords(PREFIX, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * BUDGET.maxRecordBytes()));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (records != null) {
            records.close();
        }
        slack.close();
    }

    @Test
    void processorTopicsTakeTheRecordBudgetAndExistingTopicsAreUpdated() throws Exception {
        try (Admin admin = admin()) {
            for (String topic : List.of(".generic", ".generic.dlt", ".warning.retry", ".outcomes")) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, PREFIX + topic);
                String value = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
                assertThat(value).as(topic).isEqualTo(Integer.toString(BUDGET.maxRecordBytes()));
            }
        }
    }

    @Test
    void unsignedNearLimitRecordWhoseDeadLetterCopyCannotBeWrittenIsRecordedAndThePartitionMovesOn() {
        String requestId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        int bodyBytes = bodyBytesFilling(BUDGET.maxRecordBytes(), headers(requestId, now, Category.GENERIC, null));
        byte[] body = new byte[bodyBytes];
        Arrays.fill(body, (byte) 'x');
        records.send(Category.GENERIC, "same-key", body, requestId, now, null);
        String goodId = records.send(Category.GENERIC, "same-key", alert("AfterUncopyable" + shortId(), "info"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(outcome(goodId, OutcomeResult.PROCESSED)).as("the alert behind it was processed").isNotNull();
            assertThat(outcome(requestId, OutcomeResult.UNCOPYABLE)).isNotNull();
            assertThat(uncopyableCount("generic", "dead-letter")).isEqualTo(1.0);
        });
        OutcomeDocument uncopyable = outcome(requestId, OutcomeResult.UNCOPYABLE);
        assertThat(uncopyable.category()).isEqualTo(Category.GENERIC);
        assertThat(uncopyable.reason()).contains("dead-letter copy to " + PREFIX + ".generic.dlt")
                .contains("RecordTooLargeException");
        assertThat(uncopyable.source().topic()).isEqualTo(PREFIX + ".generic");
        assertThat(uncopyable.kind()).isEqualTo(OutcomeKind.UNCOPYABLE);
        assertThat(TopicReader.readAll(PREFIX + ".generic.dlt").stream()
                .filter(r -> requestId.equals(TopicReader.header(r, AlertlineHeaders.REQUEST_ID)))).isEmpty();
    }

    @Test
    void warningWhoseRetryCopyCannotBeWrittenIsRecordedAndLaterWarningsAreProcessed() {
        String name = "NearLimitWarning" + shortId();
        String after = "AfterNearLimit" + shortId();
        slack.enqueue(500, Map.of(), "internal error"); // the near-limit alert's delivery fails retryably
        String requestId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        String signatureShape = records.signer().sign(requestId, now, Category.WARNING.id(), new byte[0]);
        int padding = bodyBytesFilling(BUDGET.maxRecordBytes(), headers(requestId, now, Category.WARNING, signatureShape))
                - alert(name, "warning", "").length();
        byte[] body = alert(name, "warning", "y".repeat(padding)).getBytes(StandardCharsets.UTF_8);
        records.send(Category.WARNING, "same-key", body, requestId, now,
                records.signer().sign(requestId, now, Category.WARNING.id(), body));
        String afterId = records.send(Category.WARNING, "same-key", alert(after, "warning"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(outcome(afterId, OutcomeResult.PROCESSED)).as("the later warning was processed").isNotNull();
            assertThat(outcome(requestId, OutcomeResult.UNCOPYABLE)).isNotNull();
            assertThat(uncopyableCount("warning", "retry")).isEqualTo(1.0);
        });
        assertThat(outcome(requestId, OutcomeResult.UNCOPYABLE).reason())
                .contains("retry copy to " + PREFIX + ".warning.retry").contains("RecordTooLargeException");
        assertThat(slack.requests().stream().filter(r -> r.body().contains(name))).as("tried once, not in a loop")
                .hasSize(1);
        assertThat(slack.requests().stream().filter(r -> r.body().contains(after))).hasSize(1);
    }

    private static String alert(String alertname, String severity) {
        return alert(alertname, severity, "d");
    }

    private static String alert(String alertname, String severity, String description) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname + "\",\"severity\":\""
                + severity + "\"},\"annotations\":{\"summary\":\"s\",\"description\":\"" + description
                + "\"},\"startsAt\":\"2026-11-22T10:00:00Z\"}]}";
    }

    /** The headers {@link SignedRecords} writes, for sizing a record before it exists. */
    private static Header[] headers(String requestId, long receivedAt, Category category, String signature) {
        return SignedRecords.headers(requestId, receivedAt, category, signature).toArray();
    }

    /** The body size that makes a one-record batch with key "same-key" just fit {@code limit} (within 4 bytes). */
    private static int bodyBytesFilling(int limit, Header[] headers) {
        int key = "same-key".length();
        int body = limit;
        while (true) {
            int batch = DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0, key, body, headers);
            if (batch <= limit && batch > limit - 4) {
                return body;
            }
            body -= batch > limit ? Math.max(1, batch - limit) : -1;
        }
    }

    private static OutcomeDocument outcome(String requestId, OutcomeResult result) {
        return TopicReader.outcomes(PREFIX).stream()
                .filter(d -> requestId.equals(d.requestId()) && result == d.result()).findFirst().orElse(null);
    }

    private static double uncopyableCount(String category, String copy) {
        Counter counter = processor.getBean(MeterRegistry.class).find("alertline.processor.uncopyable")
                .tags("category", category, "copy", copy, "reason", "RecordTooLargeException").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()));
    }
}
