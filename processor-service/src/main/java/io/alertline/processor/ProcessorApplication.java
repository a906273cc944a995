package io.alertline.processor;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The processor's defaults live in {@code processor.yml}, not {@code application.yml}, so the
 * ingest and the processor can share one classpath (end-to-end tests run both in one JVM)
 * without one's defaults shadowing the other's.
 */
@SpringBootApplication
public class ProcessorApplication {

    public static final String CONFIG_NAME = "processor";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(ProcessorApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
