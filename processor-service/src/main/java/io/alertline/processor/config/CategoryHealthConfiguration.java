package io.alertline.processor.config;

import java.time.Clock;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.health.CategoriesHealthIndicator;
import io.alertline.processor.health.CategoryProgressMonitor;
import io.alertline.processor.health.StuckCategoryDetector;

/** Stuck-category detection: the detector, what feeds it, and the actuator indicator (named {@code categories}). */
@Configuration(proxyBeanMethods = false)
public class CategoryHealthConfiguration {

    @Bean
    StuckCategoryDetector stuckCategoryDetector(ProcessorProperties properties, Clock clock) {
        return new StuckCategoryDetector(properties::stuckAfter, clock);
    }

    @Bean
    CategoryProgressMonitor categoryProgressMonitor(Admin healthAdmin, TopicNames topics,
            ProcessorProperties properties, StuckCategoryDetector detector) {
        return new CategoryProgressMonitor(healthAdmin, topics, properties.consumer(), detector,
                CategoryProgressMonitor.intervalFor(properties.stuckAfter(Category.GENERIC)));
    }

    @Bean
    CategoriesHealthIndicator categoriesHealthIndicator(StuckCategoryDetector detector) {
        return new CategoriesHealthIndicator(detector);
    }
}
