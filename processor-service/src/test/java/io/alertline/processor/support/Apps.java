package io.alertline.processor.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.ingest.IngestApplication;
import io.alertline.processor.ProcessorApplication;

/**
 * Starts the real services as their {@code main} would, inside the test JVM, so a test can run
 * two processors at once, stop one mid-stream, and post through the real ingest. Each test
 * passes its own topic prefix, so no test sees another's records.
 */
public final class Apps {

    public static final String RECORD_SIGNING_KEY = "test-record-signing-key-0123456789";
    public static final String HMAC_SECRET = "test-hmac-secret-0123456789";

    private Apps() {
    }

    public static ConfigurableApplicationContext processor(String topicPrefix, Map<String, String> extra) {
        return processor(SharedKafkaBroker.bootstrapServers(), topicPrefix, extra);
    }

    /** A processor on another broker ({@code extra} carries its {@code spring.kafka.*} security settings, if any). */
    public static ConfigurableApplicationContext processor(String bootstrapServers, String topicPrefix,
            Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("server.port", "0");
        props.put("RECORD_SIGNING_KEY", RECORD_SIGNING_KEY);
        props.put("KAFKA_TOPIC_PREFIX", topicPrefix);
        props.put("PROCESSOR_GROUP_ID", topicPrefix + "-processor");
        props.put("RETRY_INITIAL_BACKOFF", "200ms");
        props.put("RETRY_MAX_BACKOFF", "2s");
        props.putAll(extra);
        SpringApplication app = ProcessorApplication.application();
        return app.run(args(props));
    }

    public static ConfigurableApplicationContext ingest(String topicPrefix, Map<String, String> extra) {
        return ingest(SharedKafkaBroker.bootstrapServers(), topicPrefix, extra);
    }

    /** An ingest on another broker ({@code extra} carries its {@code spring.kafka.*} security settings, if any). */
    public static ConfigurableApplicationContext ingest(String bootstrapServers, String topicPrefix,
            Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("server.port", "0");
        props.put("RECORD_SIGNING_KEY", RECORD_SIGNING_KEY);
        props.put("WEBHOOK_SECRET", HMAC_SECRET);
        props.put("KAFKA_TOPIC_PREFIX", topicPrefix);
        props.put("RATE_LIMIT_PER_MINUTE", "1000");
        props.putAll(extra);
        return new SpringApplication(IngestApplication.class).run(args(props));
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String[] args(Map<String, String> props) {
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args.toArray(String[]::new);
    }
}
