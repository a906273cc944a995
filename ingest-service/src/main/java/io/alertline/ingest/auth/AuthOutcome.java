package io.alertline.ingest.auth;

import io.alertline.common.auth.AuthScheme;
import io.alertline.common.auth.Verification;

/**
 * What authentication decided, with the headers to keep on the record. {@code verification} is
 * null when the request carried no credential at all.
 */
public record AuthOutcome(Verification verification, String senderSignature, String senderTimestamp,
        String webhookId) {

    public boolean authenticated() {
        return verification != null && verification.valid();
    }

    public AuthScheme scheme() {
        return verification == null ? null : verification.scheme();
    }

    /** Metric tag: the scheme tried, or "none" when nothing was presented. */
    public String schemeTag() {
        return verification == null ? "none" : verification.scheme().id();
    }
}
