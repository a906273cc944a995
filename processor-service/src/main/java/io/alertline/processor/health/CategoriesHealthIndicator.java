package io.alertline.processor.health;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health ({@code categories}, also in the readiness group): DOWN while any category
 * is stuck, naming it, since when, and how many records wait.
 */
public class CategoriesHealthIndicator implements HealthIndicator {

    private final StuckCategoryDetector detector;

    public CategoriesHealthIndicator(StuckCategoryDetector detector) {
        this.detector = detector;
    }

    @Override
    public Health health() {
        List<StuckCategoryDetector.Stuck> stuck = detector.stuck();
        if (stuck.isEmpty()) {
            return Health.up().build();
        }
        return Health.down().withDetail("stuck", stuck.stream().map(StuckCategoryDetector.Stuck::describe).toList())
                .build();
    }
}
