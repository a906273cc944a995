package io.alertline.processor.consume;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.identity.AlertFingerprint;
import io.alertline.common.identity.IdempotencyKey;
import io.alertline.common.payload.Alert;
import io.alertline.common.payload.WebhookPayload;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.AlertSubject;
import io.alertline.processor.outcome.RecordSource;

/**
 * A record the gate let through: the ingest signed it for this category, its body parsed, and
 * its replay headers are either authorised ({@code replayMode} set) or ignored (both null).
 */
public record AdmittedRecord(ConsumerRecord<String, byte[]> record, Category category, AlertEnvelope envelope,
        WebhookPayload payload, String replayId, ReplayMode replayMode) implements Admission {

    public String requestId() {
        return envelope.requestId();
    }

    /** Never null: the signature the gate checked covers it. */
    public Instant receivedAt() {
        return envelope.request().receivedAt();
    }

    public int attempt() {
        return envelope.routing().attemptNumber();
    }

    public RecordSource source() {
        return RecordSource.of(record);
    }

    /** Who every outcome about one of this record's alerts names. */
    public AlertSubject subject(Alert alert) {
        return new AlertSubject(IdempotencyKey.of(category, alert), requestId(), category, alert.alertname(),
                AlertFingerprint.of(alert), alert.status(), alert.startsAt(), receivedAt(), attempt(), replayId,
                source());
    }
}
