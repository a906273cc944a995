package io.alertline.bench.ceiling;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

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

    private static final byte[] ANSWER = ("{\"status\":\"success\",\"processed\":0,"
            + "\"request_id\":\"00000000-0000-4000-8000-000000000000\",\"alerts\":[],"
            + "\"topic\":\"ceiling\",\"partition\":0,\"offset\":0}").getBytes(StandardCharsets.UTF_8);

    @Bean
    RouterFunction<ServerResponse> routes() {
        return CeilingServer.routes(request -> CeilingServer.body(request)
                .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(ANSWER)));
    }

    public static void main(String[] args) {
        CeilingServer.run(CeilingApplication.class, "alertline-bench-ceiling", args);
    }
}
