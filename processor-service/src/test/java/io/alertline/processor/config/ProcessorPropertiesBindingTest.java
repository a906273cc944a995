package io.alertline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import io.alertline.common.config.CategoryNumbersConverter;
import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.topic.Category;
import io.alertline.processor.ProcessorApplication;

/**
 * processor.yml as shipped, bound by Boot from environment variables as operators write them:
 * the defaults live in the yml only, and the old forms ({@code warning=3}, retention in plain
 * milliseconds, comma lists) still bind.
 */
class ProcessorPropertiesBindingTest {

    private static Binder binder(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        environment.getPropertySources().addLast(new MapPropertySource("defaultProperties",
                Map.of("spring.config.name", ProcessorApplication.CONFIG_NAME)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new CategoryNumbersConverter());
        return new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), conversion);
    }

    private static ProcessorProperties processor(Map<String, String> env) {
        return binder(env).bind("alertline.processor", ProcessorProperties.class).get();
    }

    @Test
    void defaultsComeFromProcessorYml() {
        ProcessorProperties p = processor(Map.of());
        assertThat(p.recovery().directory()).isEqualTo(Path.of("/app/scripts/recovery"));
        assertThat(p.recovery().allowedServices()).containsExactlyInAnyOrder("ollama", "openwebui", "searxng");
        assertThat(p.recovery().timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(p.recovery().cooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.recovery().maxOutputBytes()).isEqualTo(4096);
        assertThat(p.notifications().categories()).containsExactlyInAnyOrder(Category.CRITICAL, Category.WARNING);
        assertThat(p.consumer().concurrencyPerCategory()).isEmpty();
        assertThat(p.topics().deadLetterRetention()).isEqualTo(Duration.ofMillis(-1));
        assertThat(p.topics().retryRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.stuckAfter(Category.WARNING)).isEqualTo(Duration.ofMinutes(5));

        SharedKafkaSettings shared = binder(Map.of()).bind("alertline.kafka", SharedKafkaSettings.class).get();
        assertThat(shared.topicPrefix()).isEqualTo("alerts");
        assertThat(shared.categoryRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(shared.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(SharedKafkaSettings.retentionMs(Duration.ofMillis(-1))).isEqualTo("-1");
    }

    @Test
    void environmentVariablesBindInTheFormsUsersAlreadyWrite() {
        ProcessorProperties p = processor(Map.of(
                "PROCESSOR_CONCURRENCY", "2",
                "PROCESSOR_CONCURRENCY_PER_CATEGORY", "warning=3, critical=1",
                "NOTIFY_CATEGORIES", "critical, gpu",
                "RECOVERY_ALLOWED_SERVICES", "ollama, searxng",
                "DLT_RETENTION_MS", "604800000",
                "OUTCOMES_RETENTION_MS", "30d"));
        assertThat(p.consumer().concurrencyFor(Category.WARNING)).isEqualTo(3);
        assertThat(p.consumer().concurrencyFor(Category.CRITICAL)).isEqualTo(1);
        assertThat(p.consumer().concurrencyFor(Category.GPU)).isEqualTo(2);
        assertThat(p.notifications().categories()).containsExactlyInAnyOrder(Category.CRITICAL, Category.GPU);
        assertThat(p.recovery().allowedServices()).containsExactlyInAnyOrder("ollama", "searxng");
        assertThat(p.topics().deadLetterRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.topics().outcomesRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aMistypedCategoryFailsNamingTheEntry() {
        assertThatThrownBy(() -> processor(Map.of("PROCESSOR_CONCURRENCY_PER_CATEGORY", "warnign=3")))
                .hasStackTraceContaining("warnign=3");
    }
}
