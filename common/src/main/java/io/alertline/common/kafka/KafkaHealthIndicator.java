package io.alertline.common.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health {@code kafka} (in both services' readiness group): the last
 * {@link KafkaConnectivity} check, so the probe costs nothing and never waits on Kafka. DOWN
 * before the first check too: a service that has not yet seen Kafka is not ready.
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private final KafkaConnectivity connectivity;

    public KafkaHealthIndicator(KafkaConnectivity connectivity) {
        this.connectivity = connectivity;
    }

    @Override
    public Health health() {
        KafkaConnectivity.State state = connectivity.state();
        if (state.reachable() == null) {
            return Health.down().withDetail("kafka", "not checked yet").build();
        }
        Health.Builder health = state.reachable() ? Health.up() : Health.down().withDetail("error", state.error());
        return health.withDetail("since", state.since().toString())
                .withDetail("checked_at", state.checkedAt().toString()).build();
    }
}
