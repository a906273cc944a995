package io.alertline.common.record;

import java.time.Instant;

import org.apache.kafka.common.header.Headers;

import io.alertline.common.topic.Category;

/**
 * What the ingest stamped on a record about the HTTP request it came from: who sent it, how it
 * was authenticated, when, and the ingest's own signature over it ({@link RecordSigner}).
 *
 * @param receivedAt    when the ingest received the request; null when the header is absent, not a
 *                      number or negative (such a record cannot carry a valid signature)
 * @param category      the category header; null when absent or unknown (the processor trusts the
 *                      topic's category, which the signature covers, not this header)
 * @param authScheme    {@code AuthScheme#id()} as written, kept as text so an audit can name an unknown one
 */
public record RequestStamp(String requestId, Instant receivedAt, Category category, String clientAddress,
        String authScheme, String senderSignature, String senderTimestamp, String senderWebhookId,
        String recordSignature) {

    /** The stamp of a request the ingest accepted, signed with the record-signing key. */
    public static RequestStamp signed(RecordSigner signer, String requestId, Instant receivedAt, Category category,
            String clientAddress, String authScheme, String senderSignature, String senderTimestamp,
            String senderWebhookId, byte[] body) {
        String signature = signer.sign(requestId, receivedAt.toEpochMilli(), category.id(), body);
        return new RequestStamp(requestId, receivedAt, category, clientAddress, authScheme, senderSignature,
                senderTimestamp, senderWebhookId, signature);
    }

    /**
     * Whether the ingest's signature covers this request id, received-at, the category of the
     * topic the record was read from, and the body. Constant-time; false for anything missing.
     */
    public boolean verifies(RecordSigner signer, Category topicCategory, byte[] body) {
        return requestId != null && receivedAt != null && body != null
                && signer.verify(requestId, receivedAt.toEpochMilli(), topicCategory.id(), body, recordSignature);
    }

    /** Received-at in epoch milliseconds; -1 when unknown. */
    public long receivedAtMillis() {
        return receivedAt == null ? -1 : receivedAt.toEpochMilli();
    }

    static RequestStamp read(Headers headers) {
        Long receivedAt = AlertlineHeaders.number(headers, AlertlineHeaders.RECEIVED_AT);
        String category = AlertlineHeaders.text(headers, AlertlineHeaders.CATEGORY);
        return new RequestStamp(AlertlineHeaders.text(headers, AlertlineHeaders.REQUEST_ID),
                receivedAt == null || receivedAt < 0 ? null : Instant.ofEpochMilli(receivedAt),
                categoryOf(category),
                AlertlineHeaders.text(headers, AlertlineHeaders.CLIENT_ADDRESS),
                AlertlineHeaders.text(headers, AlertlineHeaders.AUTH_SCHEME),
                AlertlineHeaders.text(headers, AlertlineHeaders.SENDER_SIGNATURE),
                AlertlineHeaders.text(headers, AlertlineHeaders.SENDER_TIMESTAMP),
                AlertlineHeaders.text(headers, AlertlineHeaders.SENDER_WEBHOOK_ID),
                AlertlineHeaders.text(headers, AlertlineHeaders.RECORD_SIGNATURE));
    }

    void writeTo(Headers headers) {
        AlertlineHeaders.put(headers, AlertlineHeaders.REQUEST_ID, requestId);
        AlertlineHeaders.put(headers, AlertlineHeaders.RECEIVED_AT,
                receivedAt == null ? null : Long.toString(receivedAt.toEpochMilli()));
        AlertlineHeaders.put(headers, AlertlineHeaders.CATEGORY, category == null ? null : category.id());
        AlertlineHeaders.put(headers, AlertlineHeaders.CLIENT_ADDRESS, clientAddress);
        AlertlineHeaders.put(headers, AlertlineHeaders.AUTH_SCHEME, authScheme);
        AlertlineHeaders.put(headers, AlertlineHeaders.SENDER_SIGNATURE, senderSignature);
        AlertlineHeaders.put(headers, AlertlineHeaders.SENDER_TIMESTAMP, senderTimestamp);
        AlertlineHeaders.put(headers, AlertlineHeaders.SENDER_WEBHOOK_ID, senderWebhookId);
        AlertlineHeaders.put(headers, AlertlineHeaders.RECORD_SIGNATURE, recordSignature);
    }

    private static Category categoryOf(String id) {
        for (Category c : Category.values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
