package io.alertline.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.alertline.common.boot.EventLoopThreads;

@SpringBootApplication
public class IngestApplication {
    public static void main(String[] args) {
        EventLoopThreads.matchAvailableProcessors();
        SpringApplication.run(IngestApplication.class, args);
    }
}
