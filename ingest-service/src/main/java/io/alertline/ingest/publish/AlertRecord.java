package io.alertline.ingest.publish;

import io.alertline.common.record.RecordBudget;
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

    /**
     * Most UTF-8 bytes the headers copied from the sender (signature, timestamp, webhook id) may
     * take together. Half of {@link RecordBudget#INGEST_HEADER_BYTES}; the other half is ample
     * for the ingest's own headers, which are short and bounded (ids, times, an IP address, a
     * signature; see AlertRecordHeadersTest). It equals the HTTP server's default header limit,
     * so by default nothing the server accepts is refused here; this check is what keeps the
     * budget if that limit is raised.
     */
    public static final int MAX_SENDER_HEADER_BYTES = RecordBudget.INGEST_HEADER_BYTES / 2;

    /** UTF-8 bytes of the headers copied from the sender, as they will be stored. */
    public int senderHeaderBytes() {
        return utf8Length(senderSignature) + utf8Length(senderTimestamp) + utf8Length(webhookId);
    }

    /** Counts without encoding: header values are short, but this runs for every request. */
    private static int utf8Length(String value) {
        if (value == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate is encoded as '?' (1 byte); counting 3 only overestimates
            }
        }
        return bytes;
    }
}
