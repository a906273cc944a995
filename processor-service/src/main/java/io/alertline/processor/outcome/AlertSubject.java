package io.alertline.processor.outcome;

import java.time.Instant;

import io.alertline.common.topic.Category;

/**
 * Which alert of which record an outcome is about: the fields every outcome of an alert
 * repeats, whatever became of it.
 *
 * @param status   the alert's own {@code status} ("firing", "resolved"), as sent
 * @param startsAt the alert's own {@code startsAt}, as sent: the sender's text, not ours to reformat
 * @param replayId the operator's replay this delivery belongs to, when its signature is valid
 */
public record AlertSubject(String idempotencyKey, String requestId, Category category, String alertname,
        String fingerprint, String status, String startsAt, Instant receivedAt, int attempt, String replayId,
        RecordSource source) {
}
