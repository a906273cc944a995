package io.alertline.common.auth;

import static io.alertline.common.auth.Vectors.BODY;
import static io.alertline.common.auth.Vectors.SW_BODY;
import static io.alertline.common.auth.Vectors.SW_ID;
import static io.alertline.common.auth.Vectors.SW_ID_2;
import static io.alertline.common.auth.Vectors.SW_SECRET;
import static io.alertline.common.auth.Vectors.SW_SECRET_2;
import static io.alertline.common.auth.Vectors.SW_SIGNATURE;
import static io.alertline.common.auth.Vectors.SW_SIGNATURE_2;
import static io.alertline.common.auth.Vectors.SW_SIGNATURE_2_WITH_SECRET_1;
import static io.alertline.common.auth.Vectors.SW_TIMESTAMP;
import static io.alertline.common.auth.Vectors.TIMESTAMP;
import static io.alertline.common.auth.Vectors.TIMESTAMP_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final long SW_SECONDS = Long.parseLong(SW_TIMESTAMP);

    private static Clock clockAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static StandardWebhooksVerifier verifier(long nowSeconds, String... secrets) {
        return new StandardWebhooksVerifier(List.of(secrets), TOLERANCE, clockAt(nowSeconds));
    }

    private final StandardWebhooksVerifier verifier = verifier(SW_SECONDS + 10, SW_SECRET);

    @Test
    void acceptsThePublishedExample() {
        Verification v = verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE);
        assertThat(v.valid()).isTrue();
        assertThat(v.scheme()).isEqualTo(AuthScheme.STANDARD_WEBHOOKS);
    }

    @Test
    void acceptsSecretWithoutWhsecPrefix() {
        StandardWebhooksVerifier bare = verifier(SW_SECONDS, SW_SECRET.substring("whsec_".length()));
        assertThat(bare.verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).valid()).isTrue();
    }

    @Test
    void acceptsWhenOnlyTheSecondEntryMatches() {
        String header = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + SW_SIGNATURE;
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, header).valid()).isTrue();
        // The first entry alone must not verify, or the test above proves nothing.
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, header.substring(0, header.indexOf(' '))).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void toleratesExtraWhitespaceAndGarbageEntries() {
        String header = "  v1,not*base64  v1a,xyz\tv1," + SW_SIGNATURE.substring(3) + "  ";
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, header).valid()).isTrue();
    }

    @Test
    void rotationAcceptsEitherSecret() {
        StandardWebhooksVerifier rotating = verifier(TIMESTAMP_SECONDS, SW_SECRET, SW_SECRET_2);
        assertThat(rotating.verify(BODY, SW_ID_2, TIMESTAMP, SW_SIGNATURE_2).valid()).isTrue();
        assertThat(rotating.verify(BODY, SW_ID_2, TIMESTAMP, SW_SIGNATURE_2_WITH_SECRET_1).valid()).isTrue();
        StandardWebhooksVerifier onlyFirst = verifier(TIMESTAMP_SECONDS, SW_SECRET);
        assertThat(onlyFirst.verify(BODY, SW_ID_2, TIMESTAMP, SW_SIGNATURE_2).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void senderRotationHeaderWithTwoSignaturesMatchesTheConfiguredSecret() {
        StandardWebhooksVerifier onlySecond = verifier(TIMESTAMP_SECONDS, SW_SECRET_2);
        String header = SW_SIGNATURE_2_WITH_SECRET_1 + " " + SW_SIGNATURE_2;
        assertThat(onlySecond.verify(BODY, SW_ID_2, TIMESTAMP, header).valid()).isTrue();
        assertThat(onlySecond.verify(BODY, SW_ID_2, TIMESTAMP, SW_SIGNATURE_2_WITH_SECRET_1).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void otherVersionPrefixesAreIgnored() {
        String v2 = "v2," + SW_SIGNATURE.substring(3);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, v2).failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, "V1," + SW_SIGNATURE.substring(3)).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, "v1a," + SW_SIGNATURE.substring(3)).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, v2 + " " + SW_SIGNATURE).valid()).isTrue();
    }

    @Test
    void tamperedBodyIdOrTimestampIsMismatch() {
        assertThat(verifier.verify(Vectors.flipBit(SW_BODY, 0), SW_ID, SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID + "x", SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, String.valueOf(SW_SECONDS + 1), SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void wrongSecretIsMismatch() {
        assertThat(verifier(SW_SECONDS, SW_SECRET_2).verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void staleTimestampInEitherDirection() {
        assertThat(verifier(SW_SECONDS + 301, SW_SECRET).verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
        assertThat(verifier(SW_SECONDS - 301, SW_SECRET).verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.STALE_TIMESTAMP);
        assertThat(verifier(SW_SECONDS + 300, SW_SECRET).verify(SW_BODY, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).valid())
                .isTrue();
    }

    @Test
    void missingHeadersAreMissing() {
        assertThat(verifier.verify(SW_BODY, null, SW_TIMESTAMP, SW_SIGNATURE).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(SW_BODY, SW_ID, null, SW_SIGNATURE).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, null).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(SW_BODY, " ", SW_TIMESTAMP, SW_SIGNATURE).failure()).isEqualTo(VerificationFailure.MISSING);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, "").failure()).isEqualTo(VerificationFailure.MISSING);
    }

    @Test
    void nonNumericTimestampIsMalformed() {
        for (String bad : List.of("abc", "1614265330.0", "+1614265330", "é", "\u0661\u0666\u0661\u0664")) {
            assertThat(verifier.verify(SW_BODY, SW_ID, bad, SW_SIGNATURE).failure())
                    .as("timestamp '%s'", bad).isEqualTo(VerificationFailure.MALFORMED);
        }
    }

    @Test
    void hostileHeaderValuesNeverThrow() {
        String huge = "v1," + "A".repeat(1_000_000);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, huge).failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, "v1,éééé").failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, SW_ID, SW_TIMESTAMP, "v1, ,,, v1").failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(SW_BODY, "ïd-é\uD800", SW_TIMESTAMP, SW_SIGNATURE).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify(null, SW_ID, SW_TIMESTAMP, SW_SIGNATURE).failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void agreesWithWebhookSigner() {
        String signature = WebhookSigner.standardWebhooksSignature(SW_SECRET, "msg_x", SW_TIMESTAMP, BODY);
        assertThat(verifier.verify(BODY, "msg_x", SW_TIMESTAMP, signature).valid()).isTrue();
    }

    @Test
    void invalidBase64SecretIsRejectedWithoutEchoingIt() {
        String secret = "whsec_not*valid*base64!";
        assertThatThrownBy(() -> verifier(0, secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*valid")
                .hasMessageNotContaining(secret)
                .satisfies(e -> assertThat(e.getCause()).isNull());
        assertThatThrownBy(() -> new StandardWebhooksVerifier(Arrays.asList(SW_SECRET, null), TOLERANCE, clockAt(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SW_SECRET.substring(6));
        assertThatThrownBy(() -> verifier(0, "whsec_"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
