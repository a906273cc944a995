package io.alertline.common.auth;

import java.util.Base64;

/** Turns a configured Standard Webhooks secret into key bytes. */
final class StandardWebhooksSecret {

    static final String PREFIX = "whsec_";

    private StandardWebhooksSecret() {
    }

    /**
     * Accepts {@code whsec_<base64>} or bare base64, since some senders show the secret without
     * the prefix.
     *
     * @param label names the secret in error messages, which must never include the secret itself
     */
    static byte[] decode(String secret, String label) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(label + " is null or blank");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // The cause is dropped on purpose: its message quotes a character of the secret.
            throw new IllegalArgumentException(label + " is not valid base64 (expected whsec_<base64>)");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException(label + " decodes to an empty key");
        }
        return key;
    }
}
