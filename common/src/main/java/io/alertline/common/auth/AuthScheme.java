package io.alertline.common.auth;

/**
 * How an inbound webhook proved who sent it.
 *
 * <p>{@link #id()} is a stable wire value: it travels as a Kafka header and a metric tag, so it must
 * not follow renames of the constants.
 */
public enum AuthScheme {
    HMAC("hmac"),
    HMAC_TIMESTAMPED("hmac-timestamped"),
    STANDARD_WEBHOOKS("standard-webhooks"),
    BEARER("bearer");

    private final String id;

    AuthScheme(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
