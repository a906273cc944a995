package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.LogCapture;
import io.alertline.ingest.support.RawHttpConnection;

/**
 * Slow and silent connections are closed by the server: a body that does not arrive within
 * INGEST_READ_TIMEOUT (stalled or trickling), and a connection idle for INGEST_IDLE_TIMEOUT
 * (kept alive after a response, or with its request headers half sent). Short timeouts here.
 */
@IngestIntegrationTest
@TestPropertySource(properties = { "INGEST_READ_TIMEOUT=1s", "INGEST_IDLE_TIMEOUT=2s" })
class ConnectionTimeoutTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Scheduling slack on a busy 2-core machine; the point is "closed", not "closed to the millisecond". */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @LocalServerPort
    int port;

    private String halfOfA1000ByteRequest() {
        return RawHttpConnection.postHead("/webhook/critical", 1000, ClientAddresses.next(),
                "X-Signature: " + "0".repeat(64)) + "{\"alerts\":[{\"labels\":";
    }

    @Test
    void stalledBodyIsCutOffAfterTheReadTimeoutWithoutAnErrorLogged() {
        try (LogCapture logs = LogCapture.withDebug(ClientDisconnects.class);
                RawHttpConnection connection = RawHttpConnection.open(port)) {
            connection.send(halfOfA1000ByteRequest());

            Duration open = connection.awaitClosedByServer(READ_TIMEOUT.plus(SLACK));

            assertThat(open).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100));
            await().atMost(Duration.ofSeconds(5)).until(() -> !logs.from(ClientDisconnects.class).isEmpty());
            // held for a second: the second delivery of the error would come after the first line
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> logs.atLeast(Level.ERROR).isEmpty());
            assertThat(logs.atLeast(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        }
    }

    @Test
    void tricklingBodyIsCutOffAfterTheReadTimeout() {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (LogCapture logs = LogCapture.withDebug(ClientDisconnects.class);
                RawHttpConnection connection = RawHttpConnection.open(port)) {
            connection.send(halfOfA1000ByteRequest());
            // one byte every 100 ms: never idle for long, but the body would take ~90 s
            trickle.scheduleAtFixedRate(() -> {
                try {
                    connection.send(" ");
                } catch (RuntimeException closed) {
                    throw closed; // cancels the schedule once the server has closed the connection
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            Duration open = connection.awaitClosedByServer(READ_TIMEOUT.plus(SLACK));

            assertThat(open).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100));
            // the error reaches the reader twice in Reactor Netty; the second must not be logged as ERROR
            await().atMost(Duration.ofSeconds(5)).until(() -> !logs.from(ClientDisconnects.class).isEmpty());
            // held for a second: the second delivery of the error would come after the first line
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> logs.atLeast(Level.ERROR).isEmpty());
            assertThat(logs.atLeast(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() {
        try (RawHttpConnection connection = RawHttpConnection.open(port)) {
            connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(connection.readResponseHead(Duration.ofSeconds(10))).startsWith("HTTP/1.1 200")
                    .doesNotContainIgnoringCase("connection: close");

            Duration open = connection.awaitClosedByServer(IDLE_TIMEOUT.plus(SLACK));

            assertThat(open).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(500));
        }
    }

    @Test
    void halfSentRequestHeadersAreClosedAfterTheIdleTimeoutWithoutAWarning() {
        try (LogCapture logs = LogCapture.withDebug(null);
                RawHttpConnection connection = RawHttpConnection.open(port)) {
            connection.send("POST /webhook/critical HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl");

            Duration open = connection.awaitClosedByServer(IDLE_TIMEOUT.plus(SLACK));

            assertThat(open).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(500));
            // Reactor Netty's "Decoding failed ... closed before received headers" is the client's doing
            assertThat(logs.atLeast(Level.WARN)).filteredOn(e -> e.getLoggerName().startsWith("reactor.netty"))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        }
    }
}
