package io.alertline.common.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Produces the signatures the verifiers accept, for clients, tests and benchmarks. Kept next to
 * the verifiers so both sides share one definition of the signed bytes.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /** {@code X-Signature}: lowercase hex HMAC-SHA256 of the body. */
    public static String xSignature(String secret, byte[] body) {
        return HmacSha256.hex(HmacSha256.hmac(utf8(secret), body));
    }

    /** {@code X-Signature} for the timestamped (Grafana) scheme: over {@code timestamp + ":" + body}. */
    public static String xSignatureTimestamped(String secret, String timestamp, byte[] body) {
        return HmacSha256.hex(HmacSha256.hmac(utf8(secret), utf8(timestamp), new byte[] {':'}, body));
    }

    /** One {@code webhook-signature} entry, {@code v1,<base64>}, over {@code id + "." + timestamp + "." + body}. */
    public static String standardWebhooksSignature(String whsecSecret, String id, String timestamp, byte[] body) {
        byte[] key = StandardWebhooksSecret.decode(whsecSecret, "Standard Webhooks secret");
        byte[] dot = {'.'};
        byte[] mac = HmacSha256.hmac(key, utf8(id), dot, utf8(timestamp), dot, body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
