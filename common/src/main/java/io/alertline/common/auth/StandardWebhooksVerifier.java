package io.alertline.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Verifies <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> signatures:
 * {@code webhook-signature} holds space-separated {@code v1,<base64 HMAC-SHA256>} entries over
 * {@code id + "." + timestamp + "." + body}.
 *
 * <p>The header carries several entries so senders can rotate secrets; likewise several secrets
 * may be configured here. The request is authentic if any v1 entry matches any secret.
 *
 * <p>Own code rather than the official {@code standardwebhooks} library: verification is one HMAC
 * over the spec's signed string, and here it shares the constant-time compare, key handling,
 * size caps and failure reasons of the other schemes, without a dependency for ~100 lines.
 */
public final class StandardWebhooksVerifier {

    private static final String VERSION = "v1";
    /** Base64 of a 32-byte MAC: 44 characters, or 43 without the padding the decoder allows to omit. */
    private static final int MAX_ENCODED_MAC = 44;
    private static final byte[] DOT = {'.'};
    private static final byte[] EMPTY = {};

    private final List<HmacKey> keys;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secrets   {@code whsec_<base64 key>} or bare base64; an empty list rejects everything as
     *                  {@link VerificationFailure#MISMATCH}
     * @param tolerance how far {@code webhook-timestamp} may be from {@code clock}, either way
     * @throws IllegalArgumentException for a secret that is not valid base64 (never echoing it)
     */
    public StandardWebhooksVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        List<HmacKey> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new HmacKey(StandardWebhooksSecret.decode(secrets.get(i), "Standard Webhooks secret #" + i)));
        }
        this.keys = List.copyOf(keys);
        this.tolerance = Timestamps.requireTolerance(tolerance);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Verification verify(byte[] body, String webhookId, String webhookTimestamp, String webhookSignature) {
        if (isBlank(webhookId) || isBlank(webhookTimestamp) || isBlank(webhookSignature)) {
            return failed(VerificationFailure.MISSING);
        }
        Long epochSeconds = Timestamps.parseEpochSeconds(webhookTimestamp);
        if (epochSeconds == null) {
            return failed(VerificationFailure.MALFORMED);
        }
        if (Timestamps.isStale(epochSeconds, tolerance, clock)) {
            return failed(VerificationFailure.STALE_TIMESTAMP);
        }

        // One MAC per secret, then cheap comparisons per entry: a header stuffed with entries
        // costs base64 decoding, not HMAC computations.
        byte[] id = webhookId.getBytes(StandardCharsets.UTF_8);
        byte[] timestamp = webhookTimestamp.getBytes(StandardCharsets.US_ASCII);
        byte[] payload = body == null ? EMPTY : body;
        byte[][] expected = new byte[keys.size()][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = keys.get(i).compute(id, DOT, timestamp, DOT, payload);
        }

        boolean matched = false;
        for (String entry : webhookSignature.strip().split("\\s+")) {
            byte[] presented = v1Signature(entry);
            if (presented == null) {
                continue;
            }
            for (byte[] mac : expected) {
                matched |= HmacSha256.equal(mac, presented);
            }
        }
        return matched ? Verification.ok(AuthScheme.STANDARD_WEBHOOKS) : failed(VerificationFailure.MISMATCH);
    }

    /** The decoded MAC of a {@code v1,<base64>} entry; null for other versions or bad base64. */
    private static byte[] v1Signature(String entry) {
        int comma = entry.indexOf(',');
        if (comma != VERSION.length() || !entry.startsWith(VERSION)) {
            return null;
        }
        String encoded = entry.substring(comma + 1);
        if (encoded.length() > MAX_ENCODED_MAC) {
            return null;
        }
        try {
            byte[] mac = Base64.getDecoder().decode(encoded);
            return mac.length == HmacSha256.MAC_LENGTH ? mac : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static Verification failed(VerificationFailure failure) {
        return Verification.failed(AuthScheme.STANDARD_WEBHOOKS, failure);
    }
}
