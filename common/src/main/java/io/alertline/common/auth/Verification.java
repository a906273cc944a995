package io.alertline.common.auth;

import java.util.Objects;

/**
 * Outcome of checking one request. A value rather than an exception because failed
 * authentication is an expected, frequent outcome on a public endpoint.
 *
 * @param scheme  the scheme that was checked
 * @param failure why it failed, or {@code null} when the request is authentic
 */
public record Verification(AuthScheme scheme, VerificationFailure failure) {

    public Verification {
        Objects.requireNonNull(scheme, "scheme");
    }

    public static Verification ok(AuthScheme scheme) {
        return new Verification(scheme, null);
    }

    public static Verification failed(AuthScheme scheme, VerificationFailure failure) {
        return new Verification(scheme, Objects.requireNonNull(failure, "failure"));
    }

    public boolean valid() {
        return failure == null;
    }
}
