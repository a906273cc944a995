package io.alertline.processor.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import io.alertline.common.payload.PayloadParser;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.record.ReplayStamp;
import io.alertline.common.record.RequestStamp;
import io.alertline.common.record.Routing;
import io.alertline.common.topic.Category;
import io.alertline.processor.config.ProcessorProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** In-memory records, signed as the ingest signs them, for the stages' unit tests: no broker. */
final class StageFixtures {

    static final RecordSigner SIGNER = new RecordSigner("stage-test-record-signing-key-0123");
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Instant RECEIVED = NOW.minusSeconds(2);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String INSTANCE = "test-instance";
    static final ProcessorProperties.Retry RETRY = new ProcessorProperties.Retry(3, Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30));

    private StageFixtures() {
    }

    static SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry();
    }

    static ProcessorMetrics metrics(SimpleMeterRegistry registry) {
        return new ProcessorMetrics(registry, Set.of("ollama"), List.of("slack", "discord"));
    }

    static RecordGate gate() {
        return new RecordGate(SIGNER, new PayloadParser());
    }

    static String alerts(String... alertnames) {
        StringBuilder body = new StringBuilder("{\"alerts\":[");
        for (int i = 0; i < alertnames.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"")
                    .append(alertnames[i]).append("\",\"severity\":\"warning\",\"service\":\"ollama\"},")
                    .append("\"annotations\":{\"summary\":\"s\",\"recovery\":\"auto\"},")
                    .append("\"startsAt\":\"2026-11-22T10:00:00Z\"}");
        }
        return body.append("]}").toString();
    }

    /** A record as the ingest writes it to the category's topic. */
    static ConsumerRecord<String, byte[]> record(Category category, String body, long offset) {
        return record(category, body, offset, Routing.NONE, ReplayStamp.NONE);
    }

    static ConsumerRecord<String, byte[]> record(Category category, String body, long offset, Routing routing,
            ReplayStamp replay) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String requestId = "req-" + offset;
        RequestStamp stamp = RequestStamp.signed(SIGNER, requestId, RECEIVED, category, "127.0.0.1", "hmac", "sig",
                null, null, bytes);
        return withHeaders(category, bytes, offset, new AlertEnvelope(stamp, routing, replay).writeTo(new RecordHeaders()));
    }

    /** The same record as the {@code attempt}th attempt from the retry topic. */
    static ConsumerRecord<String, byte[]> retryOf(Category category, String body, long offset, int attempt) {
        return record(category, body, offset, Routing.retry(attempt, NOW, "slack", "slack: 503"), ReplayStamp.NONE);
    }

    /** The same record re-published by an operator; {@code signer} null leaves the replay unsigned. */
    static ConsumerRecord<String, byte[]> replayOf(Category category, String body, long offset, ReplayMode mode,
            String replayId, RecordSigner signer) {
        ReplayStamp replay = signer == null ? new ReplayStamp(replayId, mode, null)
                : ReplayStamp.signed(signer, replayId, mode, "req-" + offset);
        return record(category, body, offset, Routing.NONE, replay);
    }

    static ConsumerRecord<String, byte[]> withHeaders(Category category, byte[] body, long offset, Headers headers) {
        return new ConsumerRecord<>("alerts." + category.id(), 0, offset, NOW.toEpochMilli(), TimestampType.CREATE_TIME,
                -1, body == null ? -1 : body.length, "group", body, headers, Optional.empty());
    }

    static AdmittedRecord admitted(ConsumerRecord<String, byte[]> record, Category category) {
        return (AdmittedRecord) gate().admit(record, category);
    }
}
