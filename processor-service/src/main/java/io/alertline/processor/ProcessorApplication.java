package io.alertline.processor;

import java.util.Map;

import org.springframework.boot.SpringApplication;

import io.alertline.processor.cli.AdminCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The processor's defaults live in {@code processor.yml}, not {@code application.yml}, so the
 * ingest and the processor can share one classpath (end-to-end tests run both in one JVM)
 * without one's defaults shadowing the other's.
 */
@SpringBootApplication
public class ProcessorApplication {

    public static final String CONFIG_NAME = "processor";

    /** With {@code replay}, {@code dead-letters} or {@code verify} first, runs that operator tool instead. */
    public static void main(String[] args) {
        if (AdminCli.handles(args)) {
            // No Spring logging setup runs for the tools; keep the Kafka clients' chatter off stdout.
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            System.exit(new AdminCli(System.getenv(), System.out, System.err).run(args));
        }
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(ProcessorApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
