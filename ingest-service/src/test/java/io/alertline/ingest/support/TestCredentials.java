package io.alertline.ingest.support;

/** Credentials of the shared test context. Never used outside tests. */
public final class TestCredentials {

    public static final String HMAC_SECRET = "test-hmac-secret-0123456789";
    public static final String ROTATED_HMAC_SECRET = "rotated-hmac-secret-abcdefgh";
    /** The captured Alertmanager request's token (fixtures/am025-request-headers.txt) plus one of ours. */
    public static final String BEARER_TOKEN_PLACEHOLDER = "997fc7b66df980148cc6d85081ae4213,test-bearer-token-0123456789";
    public static final String BEARER_TOKEN = "test-bearer-token-0123456789";
    /** whsec_ + base64("standard-webhooks-key-32-bytes!!"). */
    public static final String STANDARD_WEBHOOKS_SECRET = "whsec_c3RhbmRhcmQtd2ViaG9va3Mta2V5LTMyLWJ5dGVzISE=";
    public static final String RECORD_SIGNING_KEY = "test-record-signing-key-0123456789";

    private TestCredentials() {
    }
}
