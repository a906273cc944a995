package io.alertline.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the {@code X-Signature} scheme: hex HMAC-SHA256 of the raw body, or, when the sender
 * also sends a timestamp (Grafana), of {@code timestamp + ":" + body}.
 *
 * <p>Several secrets may be active so that a secret can be rotated without rejecting traffic from
 * senders that have not switched yet. Every secret is tried even after a match, so timing does not
 * reveal which one matched.
 */
public final class HmacSignatureVerifier {

    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = HmacSha256.MAC_LENGTH * 2;
    private static final byte[] COLON = {':'};
    private static final byte[] EMPTY = {};

    private final List<HmacKey> keys;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secrets   active secrets, compared as their UTF-8 bytes; an empty list rejects
     *                  everything as {@link VerificationFailure#MISMATCH}
     * @param tolerance how far a signed timestamp may be from {@code clock}, either way
     * @throws IllegalArgumentException for a null or empty secret (never echoing any secret)
     */
    public HmacSignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        List<HmacKey> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("HMAC secret #" + i + " is null or empty");
            }
            keys.add(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        }
        this.keys = List.copyOf(keys);
        this.tolerance = Timestamps.requireTolerance(tolerance);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param body            the raw request body, exactly as received
     * @param signatureHeader {@code X-Signature}
     * @param timestampHeader the sender's timestamp header, or {@code null} for the untimestamped
     *                        scheme
     */
    public Verification verify(byte[] body, String signatureHeader, String timestampHeader) {
        AuthScheme scheme = timestampHeader == null ? AuthScheme.HMAC : AuthScheme.HMAC_TIMESTAMPED;
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Verification.failed(scheme, VerificationFailure.MISSING);
        }
        byte[] presented = parseSignature(signatureHeader);
        if (presented == null) {
            return Verification.failed(scheme, VerificationFailure.MALFORMED);
        }
        byte[] payload = body == null ? EMPTY : body;
        boolean matched = false;
        if (timestampHeader == null) {
            for (HmacKey key : keys) {
                matched |= key.matches(presented, payload);
            }
        } else {
            Long epochSeconds = Timestamps.parseEpochSeconds(timestampHeader);
            if (epochSeconds == null) {
                return Verification.failed(scheme, VerificationFailure.MALFORMED);
            }
            // Before the MAC: a replayed request costs nothing, and being stale is the truer reason.
            if (Timestamps.isStale(epochSeconds, tolerance, clock)) {
                return Verification.failed(scheme, VerificationFailure.STALE_TIMESTAMP);
            }
            // Parsing proved the header is ASCII, so these are exactly the bytes that were signed.
            byte[] timestamp = timestampHeader.getBytes(StandardCharsets.US_ASCII);
            for (HmacKey key : keys) {
                matched |= key.matches(presented, timestamp, COLON, payload);
            }
        }
        return matched ? Verification.ok(scheme) : Verification.failed(scheme, VerificationFailure.MISMATCH);
    }

    private static byte[] parseSignature(String header) {
        String value = header.strip();
        if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            value = value.substring(PREFIX.length());
        }
        // Length first, so a huge header is rejected without being decoded.
        return value.length() == HEX_LENGTH ? HmacSha256.parseHex(value) : null;
    }
}
