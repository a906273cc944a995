package io.alertline.processor.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The one set of Kafka client settings every client of the processor starts from: bootstrap
 * servers, security protocol, SASL and TLS, plus each client kind's own tuning, all from
 * Spring Boot's {@code spring.kafka.*} configuration. The listeners, the outcome tail, the
 * health admin, the replay/re-drive service and the admin subcommands all take their settings
 * from here, so a cluster that needs SASL or TLS is reached by all of them or by none.
 */
public record KafkaClientSettings(Map<String, Object> admin, Map<String, Object> consumer,
        Map<String, Object> producer) {

    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    public KafkaClientSettings {
        admin = Collections.unmodifiableMap(new HashMap<>(admin));
        consumer = Collections.unmodifiableMap(new HashMap<>(consumer));
        producer = Collections.unmodifiableMap(new HashMap<>(producer));
    }

    /** What Boot's {@code KafkaProperties} build for each client kind (the admin subcommands, which bind it themselves). */
    public static KafkaClientSettings of(KafkaProperties properties) {
        if (properties.getSsl().getBundle() != null && !properties.getSsl().getBundle().isBlank()) {
            // Boot applies an SSL bundle through its auto-configuration, which a subcommand does not run;
            // ignoring it would connect without TLS and fail far less clearly.
            throw new IllegalArgumentException("spring.kafka.ssl.bundle is not supported here: set "
                    + "spring.kafka.ssl.trust-store-* / key-store-* (SPRING_KAFKA_SSL_...) instead");
        }
        return new KafkaClientSettings(properties.buildAdminProperties(), properties.buildConsumerProperties(),
                properties.buildProducerProperties());
    }

    /** The admin client settings, named {@code clientId} (in broker logs and quotas). */
    public Map<String, Object> admin(String clientId) {
        return named(admin, clientId);
    }

    public Map<String, Object> consumer(String clientId) {
        return named(consumer, clientId);
    }

    public Map<String, Object> producer(String clientId) {
        return named(producer, clientId);
    }

    private static Map<String, Object> named(Map<String, Object> settings, String clientId) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /**
     * Values that must never be printed: store and key passwords, SASL JAAS configurations, and
     * the password inside a JAAS configuration (an error may quote it alone).
     */
    public List<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        for (Map<String, Object> settings : List.of(admin, consumer, producer)) {
            settings.forEach((key, value) -> {
                if (value != null && (key.endsWith("password") || key.endsWith("jaas.config"))) {
                    String text = value.toString();
                    secrets.add(text);
                    Matcher password = JAAS_PASSWORD.matcher(text);
                    while (password.find()) {
                        secrets.add(password.group(1));
                    }
                }
            });
        }
        secrets.removeIf(String::isBlank);
        return List.copyOf(secrets);
    }

    /** Never the values: SASL JAAS configurations and store passwords are secrets. */
    @Override
    public String toString() {
        return "KafkaClientSettings" + admin.keySet();
    }
}
