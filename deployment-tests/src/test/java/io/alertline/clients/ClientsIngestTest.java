package io.alertline.clients;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

import io.alertline.ingest.IngestApplication;

import io.alertline.ingest.support.TestCredentials;

/**
 * The ingest context the client tests share: a real HTTP server on a random port and the shared
 * embedded broker (each class adds {@code KafkaProperties.sharedBroker}). The clients connect from
 * 127.0.0.1 without {@code X-Forwarded-For}, so they all spend one address's budget: the limit is
 * high here, and {@link ClientRateLimitTest} has its own low-limit context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET + "," + TestCredentials.ROTATED_HMAC_SECRET,
        "WEBHOOK_BEARER_TOKENS=" + TestCredentials.BEARER_TOKEN_PLACEHOLDER,
        "RECORD_SIGNING_KEY=" + TestCredentials.RECORD_SIGNING_KEY,
        "RATE_LIMIT_PER_MINUTE=1000",
        "MAX_BODY_SIZE=64KB",
        "PUBLISH_TIMEOUT_MS=5000",
})
public @interface ClientsIngestTest {
}
