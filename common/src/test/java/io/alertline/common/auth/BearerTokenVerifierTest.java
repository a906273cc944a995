package io.alertline.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokenVerifierTest {

    private static final String TOKEN = "s3cr3t-token-value";
    private static final String NEXT_TOKEN = "next-token-after-rotation";

    private final BearerTokenVerifier verifier = new BearerTokenVerifier(List.of(TOKEN, NEXT_TOKEN));

    @Test
    void acceptsConfiguredTokens() {
        Verification v = verifier.verify("Bearer " + TOKEN);
        assertThat(v.valid()).isTrue();
        assertThat(v.scheme()).isEqualTo(AuthScheme.BEARER);
        assertThat(verifier.verify("Bearer " + NEXT_TOKEN).valid()).isTrue();
    }

    @Test
    void schemeWordIsCaseInsensitiveAndMayBeFollowedBySeveralSpaces() {
        assertThat(verifier.verify("bearer " + TOKEN).valid()).isTrue();
        assertThat(verifier.verify("BEARER " + TOKEN).valid()).isTrue();
        assertThat(verifier.verify("Bearer    " + TOKEN).valid()).isTrue();
        assertThat(verifier.verify("  Bearer " + TOKEN + "  ").valid()).isTrue();
    }

    @Test
    void wrongTokenIsMismatch() {
        assertThat(verifier.verify("Bearer wrong").failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify("Bearer " + TOKEN + "x").failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify("Bearer " + TOKEN.substring(1)).failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify("Bearer " + TOKEN.toUpperCase()).failure()).isEqualTo(VerificationFailure.MISMATCH);
        assertThat(verifier.verify("Bearer ééé\uD800").failure()).isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void absentOrNonBearerHeaderIsMissing() {
        for (String header : new String[] {null, "", "   ", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", TOKEN,
                "Bearer" + TOKEN, "Bearerx " + TOKEN, "Token " + TOKEN}) {
            assertThat(verifier.verify(header).failure()).as("header '%s'", header).isEqualTo(VerificationFailure.MISSING);
        }
    }

    @Test
    void isEmptyReflectsConfiguration() {
        assertThat(new BearerTokenVerifier(List.of()).isEmpty()).isTrue();
        assertThat(verifier.isEmpty()).isFalse();
        assertThat(new BearerTokenVerifier(List.of()).verify("Bearer " + TOKEN).failure())
                .isEqualTo(VerificationFailure.MISMATCH);
    }

    @Test
    void rejectsUnusableTokensWithoutEchoingThem() {
        assertThatThrownBy(() -> new BearerTokenVerifier(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BearerTokenVerifier(List.of(TOKEN, "padded-token ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("padded-token")
                .hasMessageNotContaining(TOKEN);
    }
}
