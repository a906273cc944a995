package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerTimeoutsTest {

    @Test
    void theProducerGivesUpJustBeforeTheSenderIsAnswered() {
        Map<String, Object> t = ProducerTimeouts.forPublishTimeout(Duration.ofMillis(8000), 2);
        assertThat(t).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 7000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 7000L);
    }

    @Test
    void shortTimeoutsStillSatisfyKafkasDeliveryAtLeastLingerPlusRequest() {
        for (long publish : new long[] {1000, 1500, 2000, 5000, 30000}) {
            for (long linger : new long[] {0, 2, 100}) {
                Map<String, Object> t = ProducerTimeouts.forPublishTimeout(Duration.ofMillis(publish), linger);
                int delivery = (int) t.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
                int request = (int) t.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
                assertThat(delivery).isLessThan((int) publish).isGreaterThanOrEqualTo((int) (linger + request));
                assertThat(request).isPositive();
            }
        }
    }

    @Test
    void refusesATimeoutTooShortToPublishIn() {
        assertThatThrownBy(() -> ProducerTimeouts.forPublishTimeout(Duration.ofMillis(500), 2))
                .hasMessageContaining("PUBLISH_TIMEOUT_MS");
    }
}
