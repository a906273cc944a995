package io.alertline.ingest.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.alertline.common.testing.SharedKafkaBroker;

/** Points a test context at the JVM's shared embedded broker. */
public final class KafkaProperties {

    private KafkaProperties() {
    }

    public static void sharedBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
    }
}
