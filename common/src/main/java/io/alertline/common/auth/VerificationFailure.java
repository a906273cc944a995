package io.alertline.common.auth;

/**
 * Why a request failed authentication. Kept coarse on purpose: the reason is for metrics and logs,
 * and callers must not tell the sender more than "unauthorised".
 */
public enum VerificationFailure {
    /** The credential header (or a header the scheme needs) was absent or blank. */
    MISSING,
    /** A header was present but could not be parsed. */
    MALFORMED,
    /** The signed timestamp is outside the accepted window, so the request may be a replay. */
    STALE_TIMESTAMP,
    /** Well-formed, but no configured secret or token produced it. */
    MISMATCH
}
