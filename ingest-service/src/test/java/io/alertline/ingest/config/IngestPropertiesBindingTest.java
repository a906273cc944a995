package io.alertline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import io.alertline.common.config.CategoryNumbersConverter;
import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.topic.Category;

/**
 * application.yml as shipped, bound by Boot from environment variables as operators write them:
 * {@code RATE_LIMIT_PER_ENDPOINT=critical=60,warning=30} still works, and the shared settings
 * take the same shape as in the processor.
 */
class IngestPropertiesBindingTest {

    private static Binder binder(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new CategoryNumbersConverter());
        return new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), conversion);
    }

    @Test
    void perEndpointLimitsBindFromTheOneVariableForm() {
        IngestProperties p = binder(Map.of("RATE_LIMIT_PER_MINUTE", "20", "RATE_LIMIT_PER_ENDPOINT",
                "critical=60, warning=30")).bind("alertline.ingest", IngestProperties.class).get();
        assertThat(p.rateLimit().perEndpoint()).containsEntry(Category.CRITICAL, 60).containsEntry(Category.WARNING, 30)
                .hasSize(2);
        assertThat(p.rateLimit().limits()).containsEntry("critical", 60).containsEntry("gpu", 20);
    }

    @Test
    void defaultsComeFromApplicationYml() {
        Binder binder = binder(Map.of());
        IngestProperties p = binder.bind("alertline.ingest", IngestProperties.class).get();
        assertThat(p.rateLimit().perEndpoint()).isEmpty();
        assertThat(p.auth().timestampTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.connection().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.publish().timeout()).isEqualTo(Duration.ofMillis(8000));
        SharedKafkaSettings shared = binder.bind("alertline.kafka", SharedKafkaSettings.class).get();
        assertThat(shared.categoryRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(shared.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(shared.replicationFactor()).isEqualTo((short) 1);
        assertThat(shared.minInsyncReplicas()).isNull();
        assertThat(shared.durabilityConfigs()).as("a single broker's own setting stays").isEmpty();
    }

    @Test
    void anUnknownEndpointFailsNamingTheEntry() {
        assertThatThrownBy(() -> binder(Map.of("RATE_LIMIT_PER_ENDPOINT", "nuclear=5"))
                .bind("alertline.ingest", IngestProperties.class)).hasStackTraceContaining("nuclear=5");
    }
}
