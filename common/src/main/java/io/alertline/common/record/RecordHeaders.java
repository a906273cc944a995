package io.alertline.common.record;

/**
 * Header names of the records the ingest writes to category topics. The value is the request
 * body verbatim; everything else about the request travels here.
 */
public final class RecordHeaders {

    /** UUID the ingest gave the HTTP request; also in the 200 receipt. */
    public static final String REQUEST_ID = "alertline-request-id";
    /** When the ingest received the request, epoch milliseconds as decimal text. */
    public static final String RECEIVED_AT = "alertline-received-at";
    /** The client address the rate limiter used (after trusted-proxy resolution). */
    public static final String CLIENT_ADDRESS = "alertline-client-address";
    /** {@code io.alertline.common.auth.AuthScheme#id()} of the scheme that authenticated the request. */
    public static final String AUTH_SCHEME = "alertline-auth-scheme";
    /** The category (endpoint) the request came in on. */
    public static final String CATEGORY = "alertline-category";
    /** The sender's signature header as sent ({@code X-Signature} or {@code webhook-signature}); absent for bearer. */
    public static final String SENDER_SIGNATURE = "alertline-sender-signature";
    /** The sender's timestamp header as sent ({@code X-Timestamp} or {@code webhook-timestamp}), if any. */
    public static final String SENDER_TIMESTAMP = "alertline-sender-timestamp";
    /** The Standard Webhooks {@code webhook-id}, if any. */
    public static final String SENDER_WEBHOOK_ID = "alertline-sender-webhook-id";
    /** The ingest's own HMAC over request id, received-at, category and body ({@link RecordSigner}). */
    public static final String RECORD_SIGNATURE = "alertline-record-signature";

    private RecordHeaders() {
    }
}
