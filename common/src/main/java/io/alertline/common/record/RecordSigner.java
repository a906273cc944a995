package io.alertline.common.record;

import io.alertline.common.auth.HmacKey;
import io.alertline.common.auth.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The ingest service's HMAC over each Kafka record. The processor verifies it before acting, so a
 * process that can merely write to the topic cannot trigger actions: only the holder of this key,
 * who has already authenticated the webhook, can.
 *
 * <p>Signed bytes: {@code "alertline-record-v1\n" + requestId + "\n" + receivedAtEpochMs + "\n" +
 * category + "\n"} followed by the body. The version line lets the format change without old
 * signatures verifying under a new meaning.
 */
public final class RecordSigner {

    public static final int MIN_KEY_LENGTH = 16;

    private static final String DOMAIN = "alertline-record-v1\n";
    private static final String REPLAY_DOMAIN = "alertline-replay-v1\n";
    private static final String PREFIX = "v1=";
    private static final int HEX_LENGTH = HmacSha256.MAC_LENGTH * 2;

    private final HmacKey key;

    /** @throws IllegalArgumentException for a null key or one shorter than 16 characters (never echoing it) */
    public RecordSigner(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "record signing key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new HmacKey(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return {@code "v1=" + lowercase hex}
     * @throws IllegalArgumentException if requestId or category contains a newline, which would make
     *                                  the signed bytes ambiguous (fields are newline-separated)
     */
    public String sign(String requestId, long receivedAtEpochMs, String category, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (!isField(requestId) || !isField(category)) {
            throw new IllegalArgumentException("requestId and category must be non-null and contain no newline");
        }
        return PREFIX + HmacSha256.hex(key.compute(header(requestId, receivedAtEpochMs, category), body));
    }

    /** Constant-time; false, never an exception, for any null or malformed argument. */
    public boolean verify(String requestId, long receivedAtEpochMs, String category, byte[] body, String signature) {
        if (body == null || signature == null || !isField(requestId) || !isField(category)
                || signature.length() != PREFIX.length() + HEX_LENGTH || !signature.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented = HmacSha256.parseHex(signature.substring(PREFIX.length()));
        return presented != null && key.matches(presented, header(requestId, receivedAtEpochMs, category), body);
    }

    /**
     * Signs an operator's replay or re-drive of a record, so the processor can tell an authorised
     * re-run (which may bypass dedup) from a record someone merely copied back onto the topic.
     * Signed bytes: {@code "alertline-replay-v1\n" + replayId + "\n" + mode + "\n" + requestId}.
     */
    public String signReplay(String replayId, String mode, String requestId) {
        if (!isField(replayId) || !isField(mode) || !isField(requestId)) {
            throw new IllegalArgumentException("replayId, mode and requestId must be non-null and contain no newline");
        }
        return PREFIX + HmacSha256.hex(key.compute(replayBytes(replayId, mode, requestId)));
    }

    /** Constant-time; false, never an exception, for any null or malformed argument. */
    public boolean verifyReplay(String replayId, String mode, String requestId, String signature) {
        if (signature == null || !isField(replayId) || !isField(mode) || !isField(requestId)
                || signature.length() != PREFIX.length() + HEX_LENGTH || !signature.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented = HmacSha256.parseHex(signature.substring(PREFIX.length()));
        return presented != null && key.matches(presented, replayBytes(replayId, mode, requestId));
    }

    private static byte[] replayBytes(String replayId, String mode, String requestId) {
        return (REPLAY_DOMAIN + replayId + "\n" + mode + "\n" + requestId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String requestId, long receivedAtEpochMs, String category) {
        String header = DOMAIN + requestId + "\n" + receivedAtEpochMs + "\n" + category + "\n";
        return header.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isField(String value) {
        return value != null && value.indexOf('\n') < 0;
    }
}
