package io.alertline.ingest.publish;

import io.alertline.common.topic.Category;

/** What the ingest writes for one accepted request: the body verbatim plus its provenance. */
public record AlertRecord(
        Category category,
        String key,
        byte[] body,
        String requestId,
        long receivedAt,
        String clientAddress,
        String authScheme,
        String senderSignature,
        String senderTimestamp,
        String webhookId) {
}
