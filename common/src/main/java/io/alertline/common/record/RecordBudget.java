package io.alertline.common.record;

import java.nio.charset.StandardCharsets;

/**
 * One size budget for every record alertline writes, derived from the largest body the ingest
 * accepts ({@code MAX_BODY_SIZE}). A body the ingest accepts must be storable with its headers,
 * and every copy the processor may later write of it (retry, dead letter, replay, re-drive) must
 * fit too; otherwise an accepted alert could never be published, or a copy could never be
 * written and its partition would stall. Producers' {@code max.request.size} and topics'
 * {@code max.message.bytes} are both set to {@link #maxRecordBytes()}.
 *
 * <p>The header allowances are upper bounds, not estimates: the ingest's headers are bounded by
 * the HTTP server's header limit (sender signature and timestamp are copied from request
 * headers), and every free-text header the processor adds goes through {@link #headerText}.
 */
public final class RecordBudget {

    /** The ingest's headers: request id, times, client address, scheme, sender signature, record signature. */
    public static final int INGEST_HEADER_BYTES = 16 * 1024;
    /** Headers a copy adds: routing (attempt, reason, exception text, channels, origin) and replay ones. */
    public static final int COPY_HEADER_BYTES = 8 * 1024;
    /** Kafka's own framing of a record and its batch (varints, CRC, attributes, key). */
    public static final int FRAMING_BYTES = 1024;
    /** Longest free-text header value (an exception's text, a list of channels), in UTF-8 bytes. */
    public static final int MAX_HEADER_TEXT_BYTES = 1024;
    /** The request key (the group key) is a bounded hash; this is its ceiling. */
    public static final int MAX_KEY_BYTES = 256;

    private final int maxBodyBytes;

    private RecordBudget(int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body limit must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public static RecordBudget forMaxBody(long maxBodyBytes) {
        if (maxBodyBytes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("MAX_BODY_SIZE is absurdly large: " + maxBodyBytes);
        }
        return new RecordBudget((int) maxBodyBytes);
    }

    /** Largest request body the ingest accepts. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Largest record the ingest writes: the body, its key and its headers. */
    public int maxIngestRecordBytes() {
        return maxBodyBytes + MAX_KEY_BYTES + INGEST_HEADER_BYTES + FRAMING_BYTES;
    }

    /**
     * Largest record anyone in the pipeline writes: an ingest record plus the headers of a copy.
     * What producers' {@code max.request.size} and topics' {@code max.message.bytes} must allow.
     */
    public int maxRecordBytes() {
        return maxIngestRecordBytes() + COPY_HEADER_BYTES;
    }

    /** {@code text} cut to {@link #MAX_HEADER_TEXT_BYTES} UTF-8 bytes on a character boundary; null stays null. */
    public static String headerText(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_HEADER_TEXT_BYTES) {
            return text;
        }
        int end = MAX_HEADER_TEXT_BYTES - 3; // room for "…" (3 bytes in UTF-8)
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // never cut inside a multi-byte character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "…";
    }
}
