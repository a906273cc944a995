package io.alertline.processor.config;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.config.CategoryNumbersConverter;
import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.kafka.KafkaConnectivity;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.api.AdminApi;
import io.alertline.processor.api.AlertsApi;
import io.alertline.processor.api.ApiToken;
import io.alertline.processor.replay.ReplayService;
import io.alertline.processor.consume.AlertActions;
import io.alertline.processor.consume.CategoryListeners;
import io.alertline.processor.consume.CopyFailurePolicy;
import io.alertline.processor.consume.DedupStage;
import io.alertline.processor.consume.NotifyAction;
import io.alertline.processor.consume.ProcessorMetrics;
import io.alertline.processor.consume.RecordGate;
import io.alertline.processor.consume.RecordPipeline;
import io.alertline.processor.consume.RejectionLog;
import io.alertline.processor.consume.SignatureRejections;
import io.alertline.processor.consume.RecoveryAction;
import io.alertline.processor.consume.RetryRouter;
import io.alertline.processor.health.StuckCategoryDetector;
import io.alertline.processor.notify.NotificationTargets;
import io.alertline.processor.outcome.OutcomeCodec;
import io.alertline.processor.outcome.OutcomeIndex;
import io.alertline.processor.outcome.OutcomeLog;
import io.alertline.processor.outcome.OutcomeWriter;
import io.alertline.processor.recovery.AutoRecovery;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires the processor from its one properties record. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProcessorProperties.class, SharedKafkaSettings.class})
public class ProcessorConfiguration {

    /** Binds {@code PROCESSOR_CONCURRENCY_PER_CATEGORY}'s {@code warning=3} form to a map. */
    @Bean
    @ConfigurationPropertiesBinding
    static CategoryNumbersConverter categoryNumbersConverter() {
        return new CategoryNumbersConverter();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * This service's own Netty event loops rather than Reactor's JVM-wide ones: stopping a Spring
     * context disposes the global loops, which would silently stop every other server in the JVM
     * (the tests run both services, and several processors, in one JVM). Boot backs off for it.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    @Bean
    RecordSigner recordSigner(ProcessorProperties properties) {
        ExposurePolicy.checkRecordSigningKey(properties.recordSigningKey());
        return new RecordSigner(properties.recordSigningKey());
    }

    @Bean
    TopicNames topicNames(SharedKafkaSettings kafka) {
        return kafka.topicNames();
    }

    /**
     * Category topics (in case the processor starts first), their retry and dead-letter topics, and the compacted outcome topic.
     * Each takes the record budget's largest record, so every copy the budget allows is
     * accepted; {@code modify-topic-configs} brings existing topics to these values at startup.
     */
    @Bean
    KafkaAdmin.NewTopics processorTopics(ProcessorProperties properties, SharedKafkaSettings kafka, TopicNames topics) {
        ProcessorProperties.Topics retention = properties.topics();
        String maxMessageBytes = Integer.toString(kafka.recordBudget().maxRecordBytes());
        List<NewTopic> list = new ArrayList<>();
        for (Category c : Category.values()) {
            list.add(topic(topics.category(c), kafka, kafka.topicPartitions(), kafka.categoryRetention(), maxMessageBytes));
            list.add(topic(topics.retry(c), kafka, kafka.topicPartitions(), retention.retryRetention(), maxMessageBytes));
            list.add(topic(topics.deadLetter(c), kafka, kafka.topicPartitions(), retention.deadLetterRetention(),
                    maxMessageBytes));
        }
        list.add(topic(topics.audit(), kafka, 1, retention.auditRetention(), maxMessageBytes));
        boolean outcomesForever = retention.outcomesRetention().isNegative();
        list.add(TopicBuilder.name(topics.outcomes()).partitions(kafka.topicPartitions()).replicas(kafka.replicationFactor())
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)
                // compacted: the latest outcome per alert is kept; with a retention set, old ones also expire
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, outcomesForever
                        ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, SharedKafkaSettings.retentionMs(retention.outcomesRetention()))
                .configs(kafka.durabilityConfigs())
                .build());
        return new KafkaAdmin.NewTopics(list.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, SharedKafkaSettings kafka, int partitions, Duration retention,
            String maxMessageBytes) {
        return TopicBuilder.name(name).partitions(partitions).replicas(kafka.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, SharedKafkaSettings.retentionMs(retention))
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)
                .configs(kafka.durabilityConfigs()).build();
    }

    /** The processor's producer sends any record the budget allows, and refuses (itself) anything larger. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer recordBudgetProducerLimit(SharedKafkaSettings kafka) {
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                kafka.recordBudget().maxRecordBytes()));
    }

    @Bean
    OutcomeIndex outcomeIndex(ProcessorProperties properties, Clock clock) {
        return new OutcomeIndex(properties.api().historySize(), properties.dedupWindow(),
                properties.indexMaxEntries(), clock);
    }

    @Bean
    OutcomeCodec outcomeCodec(JsonMapper mapper) {
        return new OutcomeCodec(mapper);
    }

    @Bean
    OutcomeLog outcomeLog(ConsumerFactory<String, byte[]> consumerFactory, TopicNames topics, OutcomeCodec codec,
            OutcomeIndex index, AutoRecovery recovery, ProcessorProperties properties) {
        index.onDocument(doc -> {
            if (doc.recovery() != null && doc.recovery().attempted() && doc.recovery().startedAt() != null) {
                recovery.recordEarlierRun(doc.recovery().service(), java.time.Instant.parse(doc.recovery().startedAt()));
            }
        });
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.GROUP_ID_CONFIG, null);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new OutcomeLog(() -> consumerFactory.createConsumer(null, "alertline-outcome-log", null, propsOf(overrides)),
                topics.outcomes(), codec, index, properties.indexMaxEntries());
    }

    private static java.util.Properties propsOf(Map<String, Object> map) {
        java.util.Properties p = new java.util.Properties();
        map.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        return p;
    }

    @Bean
    OutcomeWriter outcomeWriter(KafkaTemplate<String, byte[]> template, TopicNames topics, OutcomeCodec codec,
            OutcomeIndex index) {
        return new OutcomeWriter(template, topics.outcomes(), codec, index);
    }

    @Bean
    AutoRecovery autoRecovery(ProcessorProperties properties, Clock clock) {
        return new AutoRecovery(properties.recovery(), clock);
    }

    /** Every series exists from start-up; the channel tag is the kind of chat, never a target's name. */
    @Bean
    ProcessorMetrics alertlineProcessorMetrics(MeterRegistry registry, ProcessorProperties properties) {
        return new ProcessorMetrics(registry, properties.recovery().allowedServices(),
                List.of("discord", "slack", "telegram"));
    }

    @Bean
    RecordPipeline recordPipeline(RecordSigner signer, JsonMapper mapper, OutcomeWriter writer,
            KafkaTemplate<String, byte[]> template, TopicNames topics, AutoRecovery recovery,
            NotificationTargets notifications, ProcessorProperties properties, ProcessorMetrics metrics, Clock clock,
            SignatureRejections signatureRejections) {
        String instanceId = instanceId(properties);
        RetryRouter router = new RetryRouter(template, topics, clock,
                new CopyFailurePolicy(writer, metrics, clock, instanceId));
        AlertActions actions = new AlertActions(new RecoveryAction(recovery::handle, metrics, clock, instanceId),
                new NotifyAction(notifications.notifiers(), notifications::targetsFor,
                        properties.retry().maxAttempts(), metrics, clock),
                properties.notifications().categories(), clock, instanceId);
        return new RecordPipeline(
                new RecordGate(signer, new PayloadParser(mapper, io.alertline.common.payload.PayloadLimits.DEFAULT)),
                new DedupStage(metrics, clock, instanceId), actions, router, writer::begin, properties.retry(), metrics,
                clock, instanceId, new RejectionLog(signatureRejections));
    }

    /** Names this instance in every outcome it writes (audit, and proof of how work was shared). */
    static String instanceId(ProcessorProperties properties) {
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            return properties.instanceId();
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return host + "-" + ProcessHandle.current().pid();
    }

    @Bean
    CategoryListeners categoryListeners(ConsumerFactory<String, byte[]> consumerFactory, TopicNames topics,
            ProcessorProperties properties, RecordPipeline processor, OutcomeLog outcomeLog) {
        return new CategoryListeners(consumerFactory, topics, properties, processor, outcomeLog);
    }

    /**
     * The settings Boot built for its own admin, consumer and producer factories (from
     * {@code KafkaProperties}, with connection details such as an SSL bundle applied): the
     * replay service and the health admin connect exactly as the listeners and the outcome tail do.
     */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaAdmin kafkaAdmin, ConsumerFactory<String, byte[]> consumers,
            ProducerFactory<String, byte[]> producers) {
        return new KafkaClientSettings(kafkaAdmin.getConfigurationProperties(), consumers.getConfigurationProperties(),
                producers.getConfigurationProperties());
    }

    @Bean(destroyMethod = "close")
    Admin healthAdmin(KafkaClientSettings kafka) {
        return Admin.create(kafka.admin("alertline-processor-health"));
    }

    @Bean
    ReplayService replayService(KafkaClientSettings kafka, TopicNames topics, RecordSigner signer,
            SharedKafkaSettings shared, MeterRegistry registry, Clock clock) {
        return new ReplayService(kafka, "alertline-admin-api", topics, signer, shared.recordBudget(), registry,
                clock);
    }

    /** {@code PROCESSOR_API_TOKEN}; refuses to start when the API would be open beyond loopback without it. */
    @Bean
    ApiToken apiToken(ProcessorProperties properties, @Value("${server.address:}") String bindAddress) {
        ExposurePolicy.checkApi(bindAddress, properties.api().token());
        return new ApiToken(properties.api().token());
    }

    @Bean
    RouterFunction<ServerResponse> routes(OutcomeIndex index, ApiToken token, KafkaConnectivity kafkaConnectivity,
            CategoryListeners listeners, ReplayService replays, StuckCategoryDetector stuckCategories,
            SignatureRejections signatureRejections, OutcomeLog outcomeLog) {
        AlertsApi api = new AlertsApi(index, token, kafkaConnectivity, listeners, stuckCategories, signatureRejections,
                outcomeLog::behind);
        AdminApi admin = new AdminApi(replays, token);
        return RouterFunctions.route()
                .GET("/alerts", api::latest)
                .GET("/alerts/{requestId}", api::byRequest)
                .GET("/health", api::health)
                .POST("/replay", admin::replay)
                .GET("/dead-letters", admin::deadLetters)
                .POST("/dead-letters/redrive", admin::redrive)
                .GET("/audit", admin::audit)
                .build();
    }
}
