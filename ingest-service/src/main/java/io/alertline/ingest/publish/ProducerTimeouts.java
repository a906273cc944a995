package io.alertline.ingest.publish;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer's own timeouts, derived from the one the sender sees (PUBLISH_TIMEOUT_MS), so no
 * combination of settings can leave them out of step:
 * <ul>
 * <li>{@code delivery.timeout.ms} ends just before the publish timeout: the producer keeps
 * retrying (a new leader after a broker's death, the ISR shrinking) for as long as the sender is
 * kept waiting, and its verdict arrives while the request is still open, so the 503 carries the
 * real cause and no send is left to fail after it (only a request already at the broker can
 * still land after the 503: the sender's retry of it is then a duplicate the processor skips);</li>
 * <li>{@code request.timeout.ms} is at most half of that, so a request stuck at a hung (not
 * dead) broker is tried again within the window;</li>
 * <li>{@code max.block.ms} (missing metadata, full buffer) fits the window too.</li>
 * </ul>
 */
public final class ProducerTimeouts {

    /** Time left, after the producer's verdict, to answer the sender before the publish timeout. */
    // 1 s: the publish timer starts before the send reaches the producer (a hop to a bounded elastic
    // thread), and the producer looks for expired batches only now and then; with 500 ms, 57 of
    // ~2,700 sends in a drill on a busy machine still failed after their 503.
    static final Duration ANSWER_MARGIN = Duration.ofMillis(1000);
    private static final long MAX_REQUEST_TIMEOUT_MS = 3_000;

    private ProducerTimeouts() {
    }

    /** The producer settings for a publish timeout and linger (Kafka wants delivery >= linger + request). */
    public static Map<String, Object> forPublishTimeout(Duration publishTimeout, long lingerMs) {
        long publish = publishTimeout.toMillis();
        if (publish < 1_000) {
            throw new IllegalArgumentException("PUBLISH_TIMEOUT_MS must be at least 1000, was " + publish);
        }
        long delivery = publish - Math.min(ANSWER_MARGIN.toMillis(), publish / 4);
        long request = Math.min(MAX_REQUEST_TIMEOUT_MS, (delivery - lingerMs) / 2);
        return Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
    }
}
