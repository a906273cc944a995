package io.alertline.ingest.publish;

import java.util.Arrays;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.ingest.config.IngestProperties;

/** Creates the category topics at start-up when they are missing (Spring's KafkaAdmin does the work). */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics categoryTopics(IngestProperties properties, TopicNames topics) {
        IngestProperties.Kafka kafka = properties.kafka();
        return new KafkaAdmin.NewTopics(Arrays.stream(Category.values())
                .map(c -> TopicBuilder.name(topics.category(c))
                        .partitions(kafka.topicPartitions())
                        .replicas(kafka.topicReplicationFactor())
                        .config(TopicConfig.RETENTION_MS_CONFIG, kafka.topicRetentionMs())
                        .build())
                .toArray(NewTopic[]::new));
    }
}
