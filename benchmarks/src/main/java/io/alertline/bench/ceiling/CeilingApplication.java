package io.alertline.bench.ceiling;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * Ceiling A of scripts/bench.sh: the same Spring Boot + WebFlux + Reactor Netty stack as the
 * ingest, with a handler that only does what every ingest request must: read the whole body
 * into one array (as the ingest does, with the same 1 MiB limit) and answer 200 with a fixed JSON
 * body shaped like the ingest's answer (without its per-alert list). No security, rate limit,
 * parse, Kafka, actuator.
 *
 * <p>Port: {@code CEILING_PORT} (default 5603), bound to 127.0.0.1.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CeilingApplication {

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final byte[] ANSWER = ("{\"status\":\"success\",\"processed\":0,"
            + "\"request_id\":\"00000000-0000-4000-8000-000000000000\",\"alerts\":[],"
            + "\"topic\":\"ceiling\",\"partition\":0,\"offset\":0}").getBytes(StandardCharsets.UTF_8);

    @Bean
    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/webhook", this::handle)
                .POST("/webhook/{category}", this::handle)
                .GET("/health", request -> ServerResponse.ok().bodyValue("{\"status\":\"healthy\"}"))
                .build();
    }

    private Mono<ServerResponse> handle(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes.length;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(0)
                .flatMap(length -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ANSWER));
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(CeilingApplication.class);
        app.setDefaultProperties(Map.of(
                "server.port", System.getenv().getOrDefault("CEILING_PORT", "5603"),
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "spring.application.name", "alertline-bench-ceiling"));
        app.run(args);
    }
}
