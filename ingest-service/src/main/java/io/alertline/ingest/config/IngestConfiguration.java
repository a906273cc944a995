package io.alertline.ingest.config;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.kafka.KafkaConnectivity;
import io.alertline.common.kafka.KafkaReadinessConfiguration;
import io.alertline.common.config.CategoryNumbersConverter;
import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.payload.PayloadLimits;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.TopicNames;
import io.alertline.ingest.auth.RequestAuthenticator;
import io.alertline.ingest.health.HealthHandler;
import io.alertline.ingest.publish.AlertPublisher;
import io.alertline.ingest.ratelimit.ClientAddressResolver;
import io.alertline.ingest.ratelimit.RateLimiter;
import io.alertline.ingest.web.ClientDisconnects;
import io.alertline.ingest.web.IngestMetrics;
import io.alertline.ingest.web.WebhookEndpoints;
import io.alertline.ingest.web.WebhookHandler;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/** Wires the ingest from its one properties record; the credential policy runs first. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, SharedKafkaSettings.class})
@Import(KafkaReadinessConfiguration.class)
public class IngestConfiguration {

    /** Binds {@code RATE_LIMIT_PER_ENDPOINT}'s {@code critical=60,warning=30} form to a map. */
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
    RecordSigner recordSigner(IngestProperties properties) {
        CredentialPolicy.check(properties.auth(), properties.recordSigningKey());
        return new RecordSigner(properties.recordSigningKey());
    }

    @Bean
    TopicNames topicNames(SharedKafkaSettings kafka) {
        return kafka.topicNames();
    }

    @Bean
    RequestAuthenticator requestAuthenticator(IngestProperties properties, Clock clock) {
        return new RequestAuthenticator(properties.auth(), clock);
    }

    @Bean
    RateLimiter rateLimiter(IngestProperties properties, Clock clock) {
        return new RateLimiter(properties.rateLimit(), clock);
    }

    @Bean
    ClientAddressResolver clientAddressResolver(IngestProperties properties) {
        return new ClientAddressResolver(properties.rateLimit().trustedProxies());
    }

    @Bean
    PayloadParser payloadParser(IngestProperties properties) {
        // Bodies are parsed on the event loops, a few long-lived platform threads: a buffer pool per
        // thread spares every parse the shared deque of Jackson's default pool (0.26-0.41 % of samples).
        JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();
        return new PayloadParser(mapper, new PayloadLimits(properties.maxAlertsPerRequest(),
                PayloadLimits.DEFAULT.maxAlertnameLength()));
    }

    @Bean
    AlertPublisher alertPublisher(ProducerFactory<String, byte[]> producers, TopicNames topics, RecordSigner signer,
            IngestProperties properties, MeterRegistry registry) {
        return new AlertPublisher(producers, topics, signer, properties.publish().timeout(), registry);
    }

    @Bean
    WebhookHandler webhookHandler(RateLimiter rateLimiter, ClientAddressResolver addresses,
            RequestAuthenticator authenticator, PayloadParser parser, AlertPublisher publisher,
            MeterRegistry registry, Clock clock, IngestProperties properties, SharedKafkaSettings kafka) {
        return new WebhookHandler(rateLimiter, addresses, authenticator, parser, publisher, new IngestMetrics(registry),
                clock, kafka.recordBudget().maxBodyBytes(),
                Math.max(1, properties.publish().unavailableRetryAfter().toSeconds()));
    }

    @Bean
    ConnectionTimeouts connectionTimeouts(IngestProperties properties) {
        return new ConnectionTimeouts(properties.connection());
    }

    /** Client hang-ups and body timeouts end quietly (DEBUG) instead of as logged 500s. */
    @Bean
    ClientDisconnects clientDisconnects() {
        return new ClientDisconnects();
    }

    @Bean(destroyMethod = "close")
    Admin healthAdmin(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("client.id", "alertline-ingest-health");
        return Admin.create(config);
    }

    @Bean
    HealthHandler healthHandler(KafkaConnectivity kafkaConnectivity) {
        return new HealthHandler(kafkaConnectivity);
    }

    /** The webhook endpoints, served ahead of WebFlux's dispatcher (WebhookEndpoints says why). */
    @Bean
    WebhookEndpoints webhookEndpoints(WebhookHandler webhooks, ClientDisconnects disconnects) {
        return new WebhookEndpoints(webhooks, disconnects);
    }

    @Bean
    RouterFunction<ServerResponse> routes(HealthHandler health) {
        return RouterFunctions.route()
                .GET("/health", RequestPredicates.accept(MediaType.ALL), health::health)
                .build();
    }
}
