package io.alertline.processor.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.alertline.processor.outcome.OutcomeLog;

/**
 * Actuator health {@code outcomeIndex} (readiness): UP once the in-memory outcome index has read
 * the outcome topic up to the end its tail last heard of. Until then the processor cannot tell a
 * duplicate from new work, and {@code GET /alerts} would answer from a partial history. The tail
 * keeps that figure from its own fetches, so the probe calls nothing.
 */
public class OutcomeIndexHealthIndicator implements HealthIndicator {

    private final OutcomeLog outcomeLog;

    public OutcomeIndexHealthIndicator(OutcomeLog outcomeLog) {
        this.outcomeLog = outcomeLog;
    }

    @Override
    public Health health() {
        long behind = outcomeLog.behind();
        if (behind < 0) {
            return Health.down().withDetail("outcome_index", "not every partition fetched yet").build();
        }
        return (behind == 0 ? Health.up() : Health.down()).withDetail("behind", behind).build();
    }
}
