package io.alertline.common.record;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of alertline's records. The value is the request body verbatim; everything else
 * about the request, its routing and any replay travels here. Code reads and writes them through
 * {@link AlertEnvelope}; the names are public for tests and operators' tools. (Not called
 * {@code RecordHeaders}: that is Kafka's own class, and sharing its name forced fully qualified
 * names wherever both were used.)
 */
public final class AlertlineHeaders {

    /** UUID the ingest gave the HTTP request; also in the 200 receipt. */
    public static final String REQUEST_ID = "alertline-request-id";
    /** When the ingest received the request, epoch milliseconds as decimal text. */
    public static final String RECEIVED_AT = "alertline-received-at";
    /** The client address the rate limiter used (after trusted-proxy resolution). */
    public static final String CLIENT_ADDRESS = "alertline-client-address";
    /** {@code io.alertline.common.auth.AuthScheme#id()} of the scheme that authenticated the request. */
    public static final String AUTH_SCHEME = "alertline-auth-scheme";
    /** The category (endpoint) the request came in on. */
    public static final String CATEGORY = "alertline-category";
    /** The sender's signature header as sent ({@code X-Signature} or {@code webhook-signature}); absent for bearer. */
    public static final String SENDER_SIGNATURE = "alertline-sender-signature";
    /** The sender's timestamp header as sent ({@code X-Timestamp} or {@code webhook-timestamp}), if any. */
    public static final String SENDER_TIMESTAMP = "alertline-sender-timestamp";
    /** The Standard Webhooks {@code webhook-id}, if any. */
    public static final String SENDER_WEBHOOK_ID = "alertline-sender-webhook-id";
    /** The ingest's own HMAC over request id, received-at, category and body ({@link RecordSigner}). */
    public static final String RECORD_SIGNATURE = "alertline-record-signature";

    /** Processing attempt of a record on a retry topic (1 on the category topic). */
    public static final String ATTEMPT = "alertline-attempt";
    /** Epoch ms before which a retry record must not be processed (backoff, or the channel's Retry-After). */
    public static final String NOT_BEFORE = "alertline-not-before";
    /** Why a record is on a retry or dead-letter topic: {@code channel-retryable}, {@code channel-failed}, {@code invalid-record-signature}, {@code unparseable}, {@code processing-error}. */
    public static final String REASON = "alertline-reason";
    /** The failure's text (secret-free). */
    public static final String EXCEPTION = "alertline-exception";
    /** The channel(s) that failed, comma-separated. */
    public static final String CHANNEL = "alertline-channel";
    /** Attempts made before the record was dead-lettered. */
    public static final String ATTEMPTS = "alertline-attempts";
    /** Where the record was first consumed from, for re-drive. */
    public static final String ORIGINAL_TOPIC = "alertline-original-topic";
    public static final String ORIGINAL_PARTITION = "alertline-original-partition";
    public static final String ORIGINAL_OFFSET = "alertline-original-offset";
    /** When the record was dead-lettered, epoch ms. */
    public static final String DEAD_LETTERED_AT = "alertline-dead-lettered-at";

    /** Id of the operator's replay or re-drive that re-published this record. */
    public static final String REPLAY_ID = "alertline-replay-id";
    /** {@code replay} (dedup applies), {@code force} (dedup bypassed on purpose) or {@code redrive} (dead letter sent back). */
    public static final String REPLAY_MODE = "alertline-replay-mode";
    /** {@link RecordSigner#signReplay}: without a valid one, replay headers are ignored. */
    public static final String REPLAY_SIGNATURE = "alertline-replay-signature";

    /** Headers the processor adds when it moves a record to a retry or dead-letter topic. */
    public static final Set<String> ROUTING = Set.of(ATTEMPT, NOT_BEFORE, REASON, EXCEPTION,
            CHANNEL, ATTEMPTS, ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET, DEAD_LETTERED_AT);

    /** Headers of an operator's replay or re-drive. */
    public static final Set<String> REPLAY = Set.of(REPLAY_ID, REPLAY_MODE, REPLAY_SIGNATURE);

    private AlertlineHeaders() {
    }

    /** The last value of a header as UTF-8 text; null when absent or null-valued. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Adds a header as UTF-8 text; a null value adds nothing. */
    static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A header as a decimal number; null when absent or not a number. */
    static Long number(Headers headers, String name) {
        String value = text(headers, name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
