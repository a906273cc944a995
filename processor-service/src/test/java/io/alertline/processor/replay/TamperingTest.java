package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Cli;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.TopicReader;

/**
 * Someone with write access to Kafka copies a genuine record and changes its body (here: turns
 * a warning into a recovery request). The verify command reports it, and the processor never
 * acts on it.
 */
class TamperingTest {

    private static final String PREFIX = "tamper";

    @TempDir
    Path recoveryDir;

    @Test
    void aTamperedRecordIsReportedByVerifyAndNeverActedOn() throws Exception {
        Path marker = recoveryDir.resolve("ran.txt");
        Path script = recoveryDir.resolve("ollama-recovery.sh");
        Files.writeString(script, "#!/bin/sh\necho ran >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ConfigurableApplicationContext processor = Apps.processor(PREFIX, Map.of("RECOVERY_DIR", recoveryDir.toString()));
        ConfigurableApplicationContext ingest = Apps.ingest(PREFIX, Map.of());
        try {
            String genuine = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"OllamaSlow\","
                    + "\"severity\":\"critical\",\"service\":\"ollama\"},\"annotations\":{\"summary\":\"slow\"}}]}";
            Http.Reply accepted = Http.postSigned(Apps.port(ingest), "/webhook/critical", genuine);
            assertThat(accepted.status()).isEqualTo(200);
            String requestId = accepted.body().get("request_id").asString();
            await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.outcomes(PREFIX).stream()
                    .anyMatch(d -> requestId.equals(d.requestId()) && OutcomeResult.PROCESSED.equals(d.result())));

            ConsumerRecord<String, byte[]> original = TopicReader.readAll(PREFIX + ".critical").get(0);
            byte[] tampered = genuine.replace("\"summary\":\"slow\"", "\"summary\":\"slow\",\"recovery\":\"auto\"")
                    .getBytes(StandardCharsets.UTF_8);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                ProducerRecord<String, byte[]> copy = new ProducerRecord<>(original.topic(), original.key(), tampered);
                for (Header h : original.headers()) {
                    copy.headers().add(h);
                }
                producer.send(copy).get();
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(PREFIX + ".critical.dlt")).singleElement().satisfies(dead ->
                            assertThat(TopicReader.header(dead, AlertlineHeaders.REASON)).isEqualTo("invalid-record-signature")));
            assertThat(marker).as("the tampered recovery request ran nothing").doesNotExist();

            Cli.Result verify = Cli.run(PREFIX, Map.of("WEBHOOK_SECRET", Apps.HMAC_SECRET), "verify", "--category",
                    "critical");
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
            assertThat(verify.out()).contains("records 2, valid 1, invalid 1, unsigned 0")
                    .contains("INVALID " + PREFIX + ".critical-" + original.partition() + "@")
                    .contains("record signature: does not match");

            Cli.Result wrongSecret = Cli.run(PREFIX, Map.of("WEBHOOK_SECRET", "not-the-sender-secret-123"), "verify",
                    "--category", "critical", "--json");
            assertThat(wrongSecret.json().get("invalid").asInt()).as("the sender signature is checked too").isEqualTo(2);
        } finally {
            ingest.close();
            processor.close();
        }
    }
}
