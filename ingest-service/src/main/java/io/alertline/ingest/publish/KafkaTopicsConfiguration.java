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
    KafkaAdmin.NewTopics categoryTopics(IngestProperties properties, TopicNames topics) {
        IngestProperties.Kafka kafka = properties.kafka();
        String maxMessageBytes = Integer.toString(properties.recordBudget().maxRecordBytes());
        return new KafkaAdmin.NewTopics(Arrays.stream(Category.values())
                .map(c -> TopicBuilder.name(topics.category(c))
                        .partitions(kafka.topicPartitions())
                        .replicas(kafka.topicReplicationFactor())
                        .config(TopicConfig.RETENTION_MS_CONFIG, kafka.topicRetentionMs())
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)
                        .build())
                .toArray(NewTopic[]::new));
    }

    /** Set in code, from the bound MAX_BODY_SIZE, so no property can leave it below the budget. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer recordBudgetProducerSize(IngestProperties properties) {
        int maxRequestSize = properties.recordBudget().maxRecordBytes();
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize));
    }
}
