package io.alertline.ingest.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The one ingest context the integration tests share (identical configuration, so Spring caches
 * it): a real HTTP server on a random port, the shared embedded broker, known test credentials,
 * and 127.0.0.1 as a trusted proxy so each test can speak for its own client address through
 * X-Forwarded-For and keep its own rate-limit budget.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET + "," + TestCredentials.ROTATED_HMAC_SECRET,
        "WEBHOOK_BEARER_TOKENS=" + TestCredentials.BEARER_TOKEN_PLACEHOLDER,
        "STANDARD_WEBHOOKS_SECRET=" + TestCredentials.STANDARD_WEBHOOKS_SECRET,
        "RECORD_SIGNING_KEY=" + TestCredentials.RECORD_SIGNING_KEY,
        "TRUSTED_PROXIES=127.0.0.1",
        "MAX_BODY_SIZE=64KB",
        "PUBLISH_TIMEOUT_MS=5000",
})
@AutoConfigureWebTestClient(timeout = "30s")
public @interface IngestIntegrationTest {
}
