package io.alertline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.alertline.common.testing.KafkaBrokerProcess;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.LogLines;

/**
 * A real broker process is killed under a running ingest and processor, and started again.
 * Readiness of both follows Kafka (503 during the outage, 200 after), liveness stays 200 all
 * along (a restart would not bring the broker back), and the outage costs a handful of log
 * lines, not a stream of per-attempt warnings.
 */
class BrokerOutageProbesTest {

    private static final String PREFIX = "probe-outage";
    /** Long enough for every client's retries to back off to their maximum several times over. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess();
    static ConfigurableApplicationContext ingest;
    static ConfigurableApplicationContext processor;

    @BeforeAll
    static void start() {
        BROKER.start();
        Map<String, String> kafka = Map.of("spring.kafka.bootstrap-servers", BROKER.bootstrapServers());
        ingest = Apps.ingest(PREFIX, kafka);
        processor = Apps.processor(PREFIX, kafka);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        BROKER.close();
    }

    @Test
    void readinessFollowsKafkaLivenessStaysUpAndTheOutageIsLoggedInAFewLines() throws Exception {
        int ingestPort = Apps.port(ingest);
        int processorPort = Apps.port(processor);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(status(ingestPort, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(processorPort, "/actuator/health/readiness")).isEqualTo(200);
        });

        // liveness is polled throughout, on its own thread
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger livenessChecks = new AtomicInteger();
        List<String> livenessFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread liveness = new Thread(() -> {
            while (polling.get()) {
                for (int port : new int[] {ingestPort, processorPort}) {
                    int status = status(port, "/actuator/health/liveness");
                    livenessChecks.incrementAndGet();
                    if (status != 200) {
                        livenessFailures.add(port + ": " + status);
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "liveness-poller");
        liveness.start();

        List<ILoggingEvent> outageLines;
        try (LogLines log = LogLines.capture()) {
            BROKER.kill();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(status(ingestPort, "/actuator/health/readiness")).isEqualTo(503);
                assertThat(status(processorPort, "/actuator/health/readiness")).isEqualTo(503);
            });
            assertThat(Http.get(processorPort, "/health", null).body().path("kafka").asString())
                    .as("the processor's /health keeps its contract").isEqualTo("unreachable");
            assertThat(status(ingestPort, "/health")).as("the seed's /health keeps its contract").isEqualTo(503);
            // a sender during the outage: a 503 for it, and no line of its own beyond the first
            for (int i = 0; i < 3; i++) {
                assertThat(Http.postSigned(ingestPort, "/webhook/warning",
                        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"DuringOutage\"}}]}")
                        .status()).isEqualTo(503);
            }
            await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
            outageLines = log.matching(e -> e.getLevel().isGreaterOrEqual(Level.INFO));
            BROKER.start();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(status(ingestPort, "/actuator/health/readiness")).isEqualTo(200);
                assertThat(status(processorPort, "/actuator/health/readiness")).isEqualTo(200);
            });
            assertThat(LogLines.describe(log.events())).as("one line each when Kafka is back")
                    .contains("Kafka is reachable again");
        } finally {
            polling.set(false);
            liveness.join(10_000);
        }

        assertThat(livenessFailures).as("liveness during the outage").isEmpty();
        assertThat(livenessChecks.get()).isGreaterThan(20);
        String lines = LogLines.describe(outageLines);
        assertThat(outageLines.stream().filter(e -> e.getFormattedMessage().startsWith("Kafka is unreachable")))
                .as("one 'lost' line per service:\n%s", lines).hasSize(2);
        assertThat(outageLines).as("log lines (INFO and above) during a %ss outage:\n%s", OUTAGE.toSeconds(), lines)
                .hasSizeLessThanOrEqualTo(6);
    }

    private static int status(int port, String path) {
        try {
            return Http.get(port, path, null).status();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
