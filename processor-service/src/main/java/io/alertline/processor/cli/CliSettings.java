package io.alertline.processor.cli;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.alertline.common.config.SharedKafkaSettings;
import io.alertline.common.record.RecordSigner;
import io.alertline.processor.ProcessorApplication;
import io.alertline.processor.config.KafkaClientSettings;

/**
 * The processor's configuration as the service itself would load it, for the subcommands,
 * which do not start the service: Boot's own config-data loading ({@code processor.yml} on the
 * classpath, {@code ./processor.yml}, {@code ./config/}, profiles) over Java system properties
 * and the environment, read with Boot's {@link Binder}. So {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code KAFKA_TOPIC_PREFIX}, {@code RECORD_SIGNING_KEY}, {@code MAX_BODY_SIZE} and every
 * {@code SPRING_KAFKA_*} setting (security protocol, SASL, TLS) mean exactly what they mean to
 * the service. No application context: that would start logging, listeners and a web server
 * for a one-shot tool, when all it needs is the bound properties.
 */
final class CliSettings {

    private final Binder binder;

    private CliSettings(Binder binder) {
        this.binder = binder;
    }

    /** Loads the configuration with {@code env} standing for the process environment. */
    static CliSettings load(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        // What ProcessorApplication.application() sets, so the same files are read.
        environment.getPropertySources().addLast(new MapPropertySource("defaultProperties",
                Map.of("spring.config.name", ProcessorApplication.CONFIG_NAME)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return new CliSettings(Binder.get(environment));
    }

    /** The same client settings the service's clients use (Boot's {@code KafkaProperties}). */
    KafkaClientSettings kafka() {
        try {
            return KafkaClientSettings.of(binder.bindOrCreate("spring.kafka", KafkaProperties.class));
        } catch (BindException e) {
            // The name only: the value may be a password.
            throw new CliArgs.UsageException("cannot read the Kafka setting " + e.getProperty().getName());
        }
    }

    /** Topics and the size budget, bound exactly as the services bind them. */
    SharedKafkaSettings shared() {
        try {
            return binder.bind("alertline.kafka", SharedKafkaSettings.class)
                    .orElseThrow(() -> new CliArgs.UsageException("the alertline.kafka settings are missing"));
        } catch (BindException e) {
            throw new CliArgs.UsageException("cannot read " + e.getProperty().getName()
                    + " (KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, "
                    + "KAFKA_TOPIC_RETENTION_MS, MAX_BODY_SIZE: the services' values)");
        }
    }

    RecordSigner signer() {
        String key = binder.bind("alertline.processor.record-signing-key", String.class).orElse(null);
        if (key == null || key.length() < RecordSigner.MIN_KEY_LENGTH) {
            throw new CliArgs.UsageException("RECORD_SIGNING_KEY must be set (the same value the services use)");
        }
        return new RecordSigner(key);
    }
}
