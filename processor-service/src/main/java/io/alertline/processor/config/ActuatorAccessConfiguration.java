package io.alertline.processor.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.alertline.processor.api.ActuatorAccess;
import io.alertline.processor.api.ApiToken;

/** The actuator behind {@code PROCESSOR_API_TOKEN} (and, for metrics, {@code PROCESSOR_METRICS_TOKEN}). */
@Configuration(proxyBeanMethods = false)
public class ActuatorAccessConfiguration {

    @Bean
    ActuatorAccess actuatorAccess(ProcessorProperties properties, ApiToken apiToken,
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        return new ActuatorAccess(basePath, apiToken, new ApiToken(properties.api().metricsToken()));
    }
}
