package io.alertline.bench.ceiling;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.ByteArrayDecoder;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.boot.EventLoopThreads;
import reactor.core.publisher.Mono;

/**
 * What ceilings A and C share, so the two differ only in what they do with a body: the webhook
 * routes, the body read (whole body into one array, the ingest's 1 MiB limit) and the start-up
 * (127.0.0.1, {@code CEILING_PORT}, default 5603).
 */
final class CeilingServer {

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final ByteArrayDecoder BYTES = new ByteArrayDecoder();
    private static final ResolvableType BYTE_ARRAY = ResolvableType.forClass(byte[].class);

    private CeilingServer() {
    }

    static RouterFunction<ServerResponse> routes(HandlerFunction<ServerResponse> webhook) {
        return RouterFunctions.route()
                .POST("/webhook", webhook)
                .POST("/webhook/{category}", webhook)
                .GET("/health", request -> ServerResponse.ok().bodyValue("{\"status\":\"healthy\"}"))
                .build();
    }

    /** The whole body as one array (empty when there is none), its buffers released. */
    static Mono<byte[]> body(ServerRequest request) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
                .map(buffer -> BYTES.decode(buffer, BYTE_ARRAY, null, null)) // copies, then releases the buffer
                .defaultIfEmpty(new byte[0]);
    }

    static void run(Class<?> application, String name, String[] args) {
        EventLoopThreads.matchAvailableProcessors(); // the ingest's event-loop policy, so the comparison stays like for like
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(Map.of(
                "server.port", System.getenv().getOrDefault("CEILING_PORT", "5603"),
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "spring.application.name", name));
        app.run(args);
    }
}
