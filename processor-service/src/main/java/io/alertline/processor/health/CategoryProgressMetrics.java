package io.alertline.processor.health;

import java.util.OptionalLong;

import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Consumer lag and "stuck" per category as gauges, read from the {@link StuckCategoryDetector}
 * that the {@link CategoryProgressMonitor} feeds with Kafka's committed and end offsets. Alerts
 * can then say {@code alertline_processor_consumer_lag{category="critical"}} instead of parsing
 * the Kafka client's own metrics, whose tags are client ids and partitions.
 *
 * <p>Both come from Kafka's books for the whole consumer group, so every instance of one
 * deployment reports the same values: aggregate them with {@code max}, not {@code sum}. Only
 * category topics are watched (retry topics wait on purpose). Before the first sample the lag
 * is NaN (unknown), not zero.
 */
public final class CategoryProgressMetrics {

    /** Registers both gauges for every category. */
    public CategoryProgressMetrics(StuckCategoryDetector detector, MeterRegistry registry) {
        for (Category category : Category.values()) {
            Gauge.builder("alertline.processor.consumer.lag", detector,
                    d -> lagOf(d, category))
                    .description("Records on the category topic not yet committed by its consumer group")
                    .tag("category", category.id()).strongReference(true).register(registry);
            Gauge.builder("alertline.processor.category.stuck", detector,
                    d -> d.stuck().stream().anyMatch(s -> s.category() == category) ? 1 : 0)
                    .description("1 while the category's committed offset has not moved for longer than its "
                            + "allowance with records waiting (as health's 'categories'), else 0")
                    .tag("category", category.id()).strongReference(true).register(registry);
        }
    }

    private static double lagOf(StuckCategoryDetector detector, Category category) {
        OptionalLong lag = detector.lag(category);
        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
    }
}
