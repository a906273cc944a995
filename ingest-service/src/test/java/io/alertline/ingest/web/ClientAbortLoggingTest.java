package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.LogCapture;
import io.alertline.ingest.support.RawHttpConnection;

/**
 * A client that goes away in the middle of its request body is logged at DEBUG in one line: no
 * ERROR, no stack trace, so nobody can flood the log by hanging up.
 */
@IngestIntegrationTest
class ClientAbortLoggingTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void clientThatHangsUpMidBodyIsLoggedAtDebugWithoutStackTrace() {
        try (LogCapture logs = LogCapture.withDebug(ClientDisconnects.class)) {
            try (RawHttpConnection connection = RawHttpConnection.open(port)) {
                connection.send(RawHttpConnection.postHead("/webhook/critical", 1000, ClientAddresses.next(),
                        "X-Signature: " + "0".repeat(64)));
                connection.send("{\"alerts\":[{\"labels\":{\"alertname\":\"Abort");
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> !logs.from(ClientDisconnects.class).isEmpty());
            // held for a second: the second delivery of the error would come after the first line
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> logs.atLeast(Level.ERROR).isEmpty());
            assertThat(logs.atLeast(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(logs.events()).filteredOn(e -> e.getThrowableProxy() != null)
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(logs.from(ClientDisconnects.class)).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(e.getFormattedMessage()).contains("went away").contains("/webhook/critical");
            });
        }
    }
}
