package io.alertline.common.auth;

import static io.alertline.common.auth.Vectors.BODY;
import static io.alertline.common.auth.Vectors.ROTATED_SECRET;
import static io.alertline.common.auth.Vectors.SECRET;
import static io.alertline.common.auth.Vectors.TIMESTAMP;
import static io.alertline.common.auth.Vectors.TIMESTAMP_SECONDS;
import static io.alertline.common.auth.Vectors.X_SIGNATURE;
import static io.alertline.common.auth.Vectors.X_SIGNATURE_EMPTY_BODY;
import static io.alertline.common.auth.Vectors.X_SIGNATURE_ROTATED;
import static io.alertline.common.auth.Vectors.X_SIGNATURE_TIMESTAMPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HmacSignatureVerifierTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** 100 s after the signed timestamp: inside the window. */
    private static final Clock CLOCK = clockAt(TIMESTAMP_SECONDS + 100);

    private final HmacSignatureVerifier verifier = new HmacSignatureVerifier(List.of(SECRET), TOLERANCE, CLOCK);

    private static Clock clockAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    @Test
    void acceptsKnownLowercaseSignature() {
        Verification v = verifier.verify(BODY, X_SIGNATURE, null);
        assertThat(v.valid()).isTrue();
        assertThat(v.scheme()).isEqualTo(AuthScheme.HMAC);
    }

    @Test
    void acceptsUppercaseHex() {
        assertThat(verifier.verify(BODY, X_SIGNATURE.toUpperCase(), null).valid()).isTrue();
    }

    @Test
    void acceptsSha256PrefixInAnyCaseAndSurroundingWhitespace() {
        assertThat(verifier.verify(BODY, "sha256=" + X_SIGNATURE, null).valid()).isTrue();
        assertThat(verifier.verify(BODY, "SHA256=" + X_SIGNATURE.toUpperCase(), null).valid()).isTrue();
        assertThat(verifier.verify(BODY, "  sha256=" + X_SIGNATURE + " \t", null).valid()).isTrue();
    }

    @Test
    void acceptsEmptyBody() {
        assertThat(verifier.verify(new byte[0], X_SIGNATURE_EMPTY_BODY, null).valid()).isTrue();
        assertThat(verifier.verify(new byte[0], X_SIGNATURE, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void wrongSecretIsMismatch() {
        HmacSignatureVerifier other = new HmacSignatureVerifier(List.of("not-the-secret"), TOLERANCE, CLOCK);
        assertThat(other.verify(BODY, X_SIGNATURE, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void rotationAcceptsASignatureFromAnyActiveSecret() {
        HmacSignatureVerifier rotating = new HmacSignatureVerifier(List.of(SECRET, ROTATED_SECRET), TOLERANCE, CLOCK);
        assertThat(rotating.verify(BODY, X_SIGNATURE_ROTATED, null).valid()).isTrue();
        assertThat(rotating.verify(BODY, X_SIGNATURE, null).valid()).isTrue();
        // Without the second secret the rotated signature must not verify.
        assertThat(verifier.verify(BODY, X_SIGNATURE_ROTATED, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void everyBitFlipInTheBodyIsMismatch() {
        for (int i = 0; i < BODY.length; i++) {
            assertThat(verifier.verify(Vectors.flipBit(BODY, i), X_SIGNATURE, null).failure())
                    .as("flipped byte %d", i).isEqualTo(VerificationFailure.MISMATCH);
        }
    }

    @Test
    void bitFlipInTheSignatureIsMismatch() {
        char last = X_SIGNATURE.charAt(X_SIGNATURE.length() - 1);
        String tampered = X_SIGNATURE.substring(0, X_SIGNATURE.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(verifier.verify(BODY, tampered, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void missingOrBlankSignatureIsMissing() {
        assertThat(verifier.verify(BODY, null, null).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(BODY, "", null).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(BODY, "   ", null).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(BODY, null, TIMESTAMP).failure()).isEqualTo(VerificationFailure.MISSING);
    }

    @Test
    void nonHexOrWrongLengthIsMalformed() {
        assertThat(verifier.verify(BODY, "zz" + X_SIGNATURE.substring(2), null).failure())
                .isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, X_SIGNATURE.substring(2), null).failure())
                .as("31 bytes").isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, X_SIGNATURE + "00", null).failure())
                .as("33 bytes").isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, X_SIGNATURE.substring(1), null).failure())
                .as("odd length").isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, "sha256=", null).failure()).isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, "sha1=" + X_SIGNATURE, null).failure()).isEqualTo(VerificationFailure.MALFORMED);
    }

    @Test
    void nonAsciiSignatureIsMalformedNotAnException() {
        String accented = "é".repeat(64);
        assertThat(verifier.verify(BODY, accented, null).failure()).isEqualTo(VerificationFailure.MALFORMED);
        assertThat(verifier.verify(BODY, "sha256=" + accented, TIMESTAMP).failure()).isEqualTo(VerificationFailure.MALFORMED);
        // Same length as a valid signature, one char replaced by a non-ASCII one.
        assertThat(verifier.verify(BODY, "é" + X_SIGNATURE.substring(1), null).failure())
                .isEqualTo(VerificationFailure.MALFORMED);
    }

    @Test
    void hugeSignatureIsMalformed() {
        char[] huge = new char[5_000_000];
        Arrays.fill(huge, 'a');
        assertThat(verifier.verify(BODY, new String(huge), null).failure()).isEqualTo(VerificationFailure.MALFORMED);
    }

    @Test
    void timestampedSchemeAcceptsKnownSignature() {
        Verification v = verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, TIMESTAMP);
        assertThat(v.valid()).isTrue();
        assertThat(v.scheme()).isEqualTo(AuthScheme.HMAC_TIMESTAMPED);
    }

    @Test
    void timestampIsPartOfTheSignedBytes() {
        // An untimestamped signature replayed with a timestamp header must not verify, nor the reverse.
        assertThat(verifier.verify(BODY, X_SIGNATURE, TIMESTAMP).failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
        // A different (but fresh) timestamp with the old signature must not verify either.
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, String.valueOf(TIMESTAMP_SECONDS + 1)).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(Vectors.flipBit(BODY, 3), X_SIGNATURE_TIMESTAMPED, TIMESTAMP).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void timestampOutsideToleranceIsStaleInEitherDirection() {
        HmacSignatureVerifier late = new HmacSignatureVerifier(List.of(SECRET), TOLERANCE, clockAt(TIMESTAMP_SECONDS + 301));
        HmacSignatureVerifier early = new HmacSignatureVerifier(List.of(SECRET), TOLERANCE, clockAt(TIMESTAMP_SECONDS - 301));
        assertThat(late.verify(BODY, X_SIGNATURE_TIMESTAMPED, TIMESTAMP).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
        assertThat(early.verify(BODY, X_SIGNATURE_TIMESTAMPED, TIMESTAMP).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
    }

    @Test
    void timestampExactlyAtToleranceIsAccepted() {
        HmacSignatureVerifier edge = new HmacSignatureVerifier(List.of(SECRET), TOLERANCE, clockAt(TIMESTAMP_SECONDS + 300));
        assertThat(edge.verify(BODY, X_SIGNATURE_TIMESTAMPED, TIMESTAMP).valid()).isTrue();
    }

    @Test
    void staleIsReportedBeforeTheMacIsChecked() {
        HmacSignatureVerifier late = new HmacSignatureVerifier(List.of(SECRET), TOLERANCE, clockAt(TIMESTAMP_SECONDS + 3600));
        assertThat(late.verify(BODY, "00".repeat(32), TIMESTAMP).failure()).isEqualTo(VerificationFailure.STALE_TIMESTAMP);
    }

    @Test
    void unparseableTimestampIsMalformed() {
        for (String bad : List.of("", " ", "abc", "1767225600.5", " 1767225600", "1767225600 ", "+1767225600",
                "\u0661\u0667\u0666\u0667", "éé", "99999999999999999999", "-", "-9223372036854775809")) {
            assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, bad).failure())
                    .as("timestamp '%s'", bad).isEqualTo(VerificationFailure.MALFORMED);
        }
    }

    @Test
    void extremeTimestampsAreStaleWithoutOverflow() {
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, String.valueOf(Long.MAX_VALUE)).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, String.valueOf(Long.MIN_VALUE)).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, "0").failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
    }

    @Test
    void millisecondTimestampIsStaleNotAccepted() {
        // A sender that sends milliseconds by mistake is decades in the future, not fresh.
        assertThat(verifier.verify(BODY, X_SIGNATURE_TIMESTAMPED, TIMESTAMP + "000").failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
    }

    @Test
    void emptySecretListRejectsEverything() {
        HmacSignatureVerifier none = new HmacSignatureVerifier(List.of(), TOLERANCE, CLOCK);
        assertThat(none.verify(BODY, X_SIGNATURE, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void constructorRejectsEmptySecretsWithoutEchoingOthers() {
        assertThatThrownBy(() -> new HmacSignatureVerifier(Arrays.asList(SECRET, ""), TOLERANCE, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> new HmacSignatureVerifier(Arrays.asList(SECRET, null), TOLERANCE, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HmacSignatureVerifier(List.of(SECRET), Duration.ofSeconds(-1), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullBodyIsTreatedAsEmpty() {
        assertThat(verifier.verify(null, X_SIGNATURE_EMPTY_BODY, null).valid()).isTrue();
        assertThat(verifier.verify(null, X_SIGNATURE, null).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void agreesWithWebhookSigner() {
        assertThat(verifier.verify(BODY, WebhookSigner.xSignature(SECRET, BODY), null).valid()).isTrue();
        assertThat(verifier.verify(BODY, WebhookSigner.xSignatureTimestamped(SECRET, TIMESTAMP, BODY), TIMESTAMP).valid())
                .isTrue();
    }
}
