package io.alertline.processor.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.alertline.processor.health.CategoryProgressMetrics;
import io.alertline.processor.health.StuckCategoryDetector;
import io.micrometer.core.instrument.MeterRegistry;

/** Consumer lag and stuck-ness per category as metrics, next to the health indicator that reports the same facts. */
@Configuration(proxyBeanMethods = false)
public class CategoryMetricsConfiguration {

    @Bean
    CategoryProgressMetrics categoryProgressMetrics(StuckCategoryDetector detector, MeterRegistry registry) {
        return new CategoryProgressMetrics(detector, registry);
    }
}
