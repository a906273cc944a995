package io.alertline.processor.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.identity.AlertFingerprint;
import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.payload.WebhookPayload;
import io.alertline.common.record.AlertEnvelope;

/**
 * Narrows a scan to the records an operator means: by request id, by an alertname or
 * fingerprint of any alert in the group, and (dead letters) by reason. Null criteria match all.
 */
public record RecordFilter(String requestId, String alertname, String fingerprint, String reason) {

    public static final RecordFilter NONE = new RecordFilter(null, null, null, null);

    private static final PayloadParser PARSER = new PayloadParser();

    public boolean isEmpty() {
        return requestId == null && alertname == null && fingerprint == null && reason == null;
    }

    public boolean matches(ConsumerRecord<String, byte[]> record) {
        AlertEnvelope envelope = AlertEnvelope.read(record.headers());
        if (requestId != null && !requestId.equals(envelope.requestId())) {
            return false;
        }
        if (reason != null && !reason.equals(envelope.routing().reason())) {
            return false;
        }
        if (alertname == null && fingerprint == null) {
            return true;
        }
        WebhookPayload payload;
        try {
            payload = PARSER.parse(record.value() == null ? new byte[0] : record.value());
        } catch (PayloadValidationException e) {
            return false;
        }
        for (Alert alert : payload.alerts()) {
            boolean nameOk = alertname == null || alertname.equals(alert.alertname());
            boolean fingerprintOk = fingerprint == null || fingerprint.equals(AlertFingerprint.of(alert));
            if (nameOk && fingerprintOk) {
                return true;
            }
        }
        return false;
    }
}
