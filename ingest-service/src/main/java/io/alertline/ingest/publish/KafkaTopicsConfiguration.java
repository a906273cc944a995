package io.alertline.ingest.publish;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.ingest.config.IngestProperties;

/**
 * The Kafka side of the ingest: creates the category topics at start-up when they are missing
 * (Spring's KafkaAdmin does the work) and sizes the producer and the topics from the one record
 * budget, so a body the ingest accepts (up to MAX_BODY_SIZE) is never refused by Kafka for the
 * headers it carries. Kafka's defaults (1 MiB requests, ~1 MiB messages) are below a 1 MiB body
 * plus its headers. {@code spring.kafka.admin.modify-topic-configs} (application.yml) makes
 * KafkaAdmin also raise {@code max.message.bytes} on topics that already exist.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics categoryTopics(SharedKafkaSettings kafka, TopicNames topics) {
        String maxMessageBytes = Integer.toString(kafka.recordBudget().maxRecordBytes());
        return new KafkaAdmin.NewTopics(Arrays.stream(Category.values())
                .map(c -> TopicBuilder.name(topics.category(c))
                        .partitions(kafka.topicPartitions())
                        .replicas(kafka.replicationFactor())
                        .config(TopicConfig.RETENTION_MS_CONFIG, SharedKafkaSettings.retentionMs(kafka.categoryRetention()))
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)
                        .configs(kafka.durabilityConfigs())
                        .build())
                .toArray(NewTopic[]::new));
    }

    /**
     * Set in code, from the bound MAX_BODY_SIZE, so no property can leave it below the budget.
     * The producer's buffer (application.yml's {@code buffer.memory}, smaller than Kafka's 32 MiB
     * default to keep the ingest's heap small) is raised to hold at least two of the largest
     * records: the producer refuses outright a record larger than its whole buffer.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer recordBudgetProducerSize(SharedKafkaSettings kafka) {
        int maxRequestSize = kafka.recordBudget().maxRecordBytes();
        return factory -> {
            Object configured = factory.getConfigurationProperties().get(ProducerConfig.BUFFER_MEMORY_CONFIG);
            long buffer = configured == null ? 32L << 20 : Long.parseLong(configured.toString());
            factory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize,
                    ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(buffer, 2L * maxRequestSize)));
        };
    }

    /** Set in code, from the bound PUBLISH_TIMEOUT_MS, so the producer gives up while the sender still waits. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer publishTimeoutProducerTimeouts(IngestProperties properties) {
        return factory -> factory.updateConfigs(ProducerTimeouts.forPublishTimeout(properties.publish().timeout(),
                lingerMs(factory.getConfigurationProperties().get(ProducerConfig.LINGER_MS_CONFIG))));
    }

    private static long lingerMs(Object configured) {
        return configured == null ? 5 : Long.parseLong(configured.toString());
    }
}
