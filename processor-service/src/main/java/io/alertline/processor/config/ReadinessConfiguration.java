package io.alertline.processor.config;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.alertline.common.kafka.KafkaReadinessConfiguration;
import io.alertline.processor.consume.CategoryListeners;
import io.alertline.processor.consume.SignatureRejections;
import io.alertline.processor.health.ConsumersHealthIndicator;
import io.alertline.processor.health.OutcomeIndexHealthIndicator;
import io.alertline.processor.health.RecordSignaturesHealthIndicator;
import io.alertline.processor.outcome.OutcomeLog;

/**
 * The readiness group's indicators besides {@code categories} (processor.yml lists them):
 * {@code kafka}, {@code consumers}, {@code outcomeIndex} and {@code recordSignatures}. Each reads
 * state kept current elsewhere, so a probe never calls Kafka. Liveness stays Boot's own
 * {@code livenessState}: none of these is fixed by restarting the process.
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaReadinessConfiguration.class)
public class ReadinessConfiguration {

    @Bean
    ConsumersHealthIndicator consumersHealthIndicator(CategoryListeners listeners) {
        return new ConsumersHealthIndicator(listeners);
    }

    @Bean
    OutcomeIndexHealthIndicator outcomeIndexHealthIndicator(OutcomeLog outcomeLog) {
        return new OutcomeIndexHealthIndicator(outcomeLog);
    }

    @Bean
    SignatureRejections signatureRejections(Clock clock) {
        return new SignatureRejections(clock, Duration.ofMinutes(1));
    }

    /** A single forged record makes the processor unready for 5 minutes; a wrong key, until it is fixed. */
    @Bean
    RecordSignaturesHealthIndicator recordSignaturesHealthIndicator(SignatureRejections rejections, Clock clock) {
        return new RecordSignaturesHealthIndicator(rejections, Duration.ofMinutes(5), clock);
    }
}
