package io.alertline.common.kafka;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka part of both services' readiness, wired once: a {@link KafkaConnectivity} check on
 * the service's {@code Admin} and the actuator health indicator {@code kafka} that reads it.
 * Each service imports this and lists {@code kafka} in its readiness group.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaReadinessConfiguration {

    /**
     * Checked every 2 s, each check given 5 s (a healthy broker answers in milliseconds; a JVM
     * still warming up may not): readiness follows Kafka within about 7 s, and an outage is logged once.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    KafkaConnectivity kafkaConnectivity(Admin healthAdmin, Clock clock) {
        return new KafkaConnectivity(healthAdmin, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(1),
                clock);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaConnectivity connectivity) {
        return new KafkaHealthIndicator(connectivity);
    }
}
