package io.alertline.ingest.config;

import java.util.List;

import io.alertline.common.boot.InsecureConfigurationException;

/**
 * Refuses to start the ingest without a credential worth the name. Messages name variables,
 * never values: secrets must not reach logs.
 */
public final class CredentialPolicy {

    static final int MIN_LENGTH = 16;
    static final String ACTION = "Set WEBHOOK_SECRET and/or WEBHOOK_BEARER_TOKENS (each at least 16 characters) and "
            + "RECORD_SIGNING_KEY; see the README's configuration table.";

    private CredentialPolicy() {
    }

    public static void check(IngestProperties.Auth auth, String recordSigningKey) {
        if (auth.webhookSecrets().isEmpty() && auth.bearerTokens().isEmpty()
                && auth.standardWebhooksSecrets().isEmpty()) {
            throw new InsecureConfigurationException(
                    "Refusing to start: no WEBHOOK_SECRET, WEBHOOK_BEARER_TOKENS or STANDARD_WEBHOOKS_SECRET is set, "
                            + "so every request would be rejected (or, worse, accepted unauthenticated).", ACTION);
        }
        requireLength("WEBHOOK_SECRET", auth.webhookSecrets());
        requireLength("WEBHOOK_BEARER_TOKENS", auth.bearerTokens());
        for (String token : auth.bearerTokens()) {
            if (auth.webhookSecrets().contains(token)) {
                throw new InsecureConfigurationException(
                        "Refusing to start: a WEBHOOK_BEARER_TOKENS entry equals a WEBHOOK_SECRET entry; a bearer token "
                                + "travels in every request, so it must never double as the HMAC secret.", ACTION);
            }
        }
        if (recordSigningKey == null || recordSigningKey.isBlank()) {
            throw new InsecureConfigurationException(
                    "Refusing to start: RECORD_SIGNING_KEY is not set; the processor acts only on records it signs.", ACTION);
        }
        requireLength("RECORD_SIGNING_KEY", List.of(recordSigningKey));
    }

    private static void requireLength(String variable, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).length() < MIN_LENGTH) {
                throw new InsecureConfigurationException("Refusing to start: entry " + (i + 1) + " of " + variable
                        + " is shorter than " + MIN_LENGTH + " characters.", ACTION);
            }
        }
    }
}
