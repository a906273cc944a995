package io.alertline.processor.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.alertline.processor.consume.CategoryListeners;

/**
 * Actuator health {@code consumers} (readiness): DOWN unless every category and retry listener
 * container runs. A stopped container consumes nothing, and restarting the process would not be
 * the fix for what stopped it, so this is about readiness, not liveness.
 */
public class ConsumersHealthIndicator implements HealthIndicator {

    private final CategoryListeners listeners;

    public ConsumersHealthIndicator(CategoryListeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public Health health() {
        return (listeners.allRunning() ? Health.up() : Health.down().withDetail("consumers", "stopped")).build();
    }
}
