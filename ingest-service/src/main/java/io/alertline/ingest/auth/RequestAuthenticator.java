package io.alertline.ingest.auth;

import java.time.Clock;

import org.springframework.http.HttpHeaders;

import io.alertline.common.auth.BearerTokenVerifier;
import io.alertline.common.auth.HmacSignatureVerifier;
import io.alertline.common.auth.StandardWebhooksVerifier;
import io.alertline.common.auth.Verification;
import io.alertline.ingest.config.IngestProperties;

/**
 * Picks the scheme from the headers the sender presented and verifies it over the raw body.
 * A body signature wins over a bearer token when both are present, because it also proves the
 * body was not altered. A scheme with no configured secret never authenticates anything.
 */
public class RequestAuthenticator {

    static final String X_SIGNATURE = "X-Signature";
    static final String X_TIMESTAMP = "X-Timestamp";
    static final String WEBHOOK_ID = "webhook-id";
    static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    static final String WEBHOOK_SIGNATURE = "webhook-signature";

    private final HmacSignatureVerifier hmac;
    private final StandardWebhooksVerifier standardWebhooks;
    private final BearerTokenVerifier bearer;

    public RequestAuthenticator(IngestProperties.Auth auth, Clock clock) {
        this.hmac = new HmacSignatureVerifier(auth.webhookSecrets(), auth.timestampTolerance(), clock);
        this.standardWebhooks = new StandardWebhooksVerifier(auth.standardWebhooksSecrets(),
                auth.timestampTolerance(), clock);
        this.bearer = new BearerTokenVerifier(auth.bearerTokens());
    }

    public AuthOutcome authenticate(HttpHeaders headers, byte[] body) {
        String swSignature = headers.getFirst(WEBHOOK_SIGNATURE);
        if (swSignature != null) {
            String id = headers.getFirst(WEBHOOK_ID);
            String timestamp = headers.getFirst(WEBHOOK_TIMESTAMP);
            return new AuthOutcome(standardWebhooks.verify(body, id, timestamp, swSignature), swSignature, timestamp, id);
        }
        String signature = headers.getFirst(X_SIGNATURE);
        if (signature != null) {
            String timestamp = headers.getFirst(X_TIMESTAMP);
            return new AuthOutcome(hmac.verify(body, signature, timestamp), signature, timestamp, null);
        }
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return new AuthOutcome(bearer.verify(authorization), null, null, null);
        }
        return new AuthOutcome(null, null, null, null);
    }

    /**
     * Whether the request presents a valid bearer token, without reading the body. Used when the
     * client is over its rate limit: Alertmanager (the bearer sender) drops 4xx, so it gets a 503.
     */
    public boolean presentsValidBearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return false;
        }
        Verification v = bearer.verify(authorization);
        return v.valid();
    }
}
