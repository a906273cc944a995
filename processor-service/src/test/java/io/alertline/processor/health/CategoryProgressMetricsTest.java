package io.alertline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Lag and stuck-ness per category as gauges, from what the detector was shown; no broker. */
class CategoryProgressMetricsTest {

    private final StuckCategoryDetectorTest.FakeClock clock = new StuckCategoryDetectorTest.FakeClock();
    private final StuckCategoryDetector detector = new StuckCategoryDetector(c -> Duration.ofMinutes(1), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyCategoryHasBothGaugesRightAfterConstructionLagUnknownUntilSampled() {
        new CategoryProgressMetrics(detector, registry);

        for (Category category : Category.values()) {
            assertThat(lag(category).value()).as("lag %s", category).isNaN();
            assertThat(stuck(category).value()).as("stuck %s", category).isZero();
        }
    }

    @Test
    void lagIsTheSumOverPartitionsAndStuckFollowsTheDetector() {
        new CategoryProgressMetrics(detector, registry);

        detector.observe(Category.WARNING, Map.of(0, 10L, 1, 5L), Map.of(0, 13L, 1, 9L));
        detector.observe(Category.GPU, Map.of(0, 4L), Map.of(0, 4L));
        assertThat(lag(Category.WARNING).value()).isEqualTo(7);
        assertThat(lag(Category.GPU).value()).isZero();
        assertThat(stuck(Category.WARNING).value()).isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(stuck(Category.WARNING).value()).isEqualTo(1);
        assertThat(stuck(Category.GPU).value()).isZero();

        detector.observe(Category.WARNING, Map.of(0, 13L, 1, 9L), Map.of(0, 13L, 1, 9L));
        assertThat(lag(Category.WARNING).value()).isZero();
        assertThat(stuck(Category.WARNING).value()).isZero();
    }

    private Gauge lag(Category category) {
        return registry.get("alertline.processor.consumer.lag").tag("category", category.id()).gauge();
    }

    private Gauge stuck(Category category) {
        return registry.get("alertline.processor.category.stuck").tag("category", category.id()).gauge();
    }
}
