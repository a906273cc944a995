package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import ch.qos.logback.classic.Level;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.LogLines;
import io.alertline.processor.support.SignedRecords;
import tools.jackson.databind.JsonNode;

/**
 * An ingest signing with another RECORD_SIGNING_KEY than the processor's: every record is
 * refused. That must turn readiness DOWN, show on /health (how many, since when, the last one's
 * place) and appear in one
 * WARN line naming the likely cause, not in one line per record.
 */
class SignatureRejectionSignalsTest {

    private static final String PREFIX = "sig-signals";
    private static final int RECORDS = 25;

    static ConfigurableApplicationContext processor;
    static SignedRecords records;

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of());
        records = new SignedRecords(PREFIX);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (records != null) {
            records.close();
        }
    }

    @Test
    void aWrongKeyShowsOnReadinessAndInOneWarningNotOnePerRecord() {
        int port = Apps.port(processor);
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(port, "/actuator/health/readiness", null).status() == 200);
        RecordSigner otherKey = new RecordSigner("not-the-processors-key-0123456789");
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"WrongKey\"}}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        try (LogLines log = LogLines.capture()) {
            for (int i = 0; i < RECORDS; i++) {
                String requestId = UUID.randomUUID().toString();
                long receivedAt = System.currentTimeMillis();
                records.send(Category.WARNING, "group-1", bytes, requestId, receivedAt,
                        otherKey.sign(requestId, receivedAt, Category.WARNING.id(), bytes));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(Http.get(port, "/actuator/health/readiness", null).status()).isEqualTo(503);
                JsonNode signatures = Http.get(port, "/health", null).body().path("rejected_record_signatures");
                assertThat(signatures.path("count").asLong()).as("%s", signatures).isEqualTo(RECORDS);
                assertThat(signatures.path("since").asString()).isNotBlank();
                assertThat(signatures.path("last_record").asString())
                        .matches(PREFIX + "\\.warning-\\d+@" + (RECORDS - 1));
            });

            String lines = LogLines.describe(log.events());
            assertThat(log.matching(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                    && e.getLoggerName().equals(SignatureRejections.class.getName())))
                    .as("one summary line for %s records:\n%s", RECORDS, lines).hasSize(1)
                    .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("RECORD_SIGNING_KEY"));
            assertThat(log.matching(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                    && e.getLoggerName().equals(RecordPipeline.class.getName())))
                    .as("no per-record warning:\n%s", lines).isEmpty();
        }
    }
}
