package io.alertline.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthSchemeTest {

    @Test
    void idsAreTheStableWireValues() {
        assertThat(AuthScheme.HMAC.id()).isEqualTo("hmac");
        assertThat(AuthScheme.HMAC_TIMESTAMPED.id()).isEqualTo("hmac-timestamped");
        assertThat(AuthScheme.STANDARD_WEBHOOKS.id()).isEqualTo("standard-webhooks");
        assertThat(AuthScheme.BEARER.id()).isEqualTo("bearer");
    }

    @Test
    void verificationIsValidOnlyWithoutFailure() {
        assertThat(Verification.ok(AuthScheme.HMAC).valid()).isTrue();
        assertThat(Verification.ok(AuthScheme.HMAC).failure()).isNull();
        Verification failed = Verification.failed(AuthScheme.BEARER, VerificationFailure.MISMATCH);
        assertThat(failed.valid()).isFalse();
        assertThat(failed.scheme()).isEqualTo(AuthScheme.BEARER);
        assertThat(failed.failure()).isEqualTo(VerificationFailure.MISMATCH);
    }
}
