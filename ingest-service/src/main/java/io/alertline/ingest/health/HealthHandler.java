package io.alertline.ingest.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The seed's {@code GET /health}: healthy only when Kafka answers, because without Kafka the
 * ingest can accept nothing. Uses the admin client's futures, so no thread waits.
 */
public class HealthHandler {

    private final Admin admin;
    private final Duration timeout;

    public HealthHandler(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public Mono<ServerResponse> health(ServerRequest request) {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return Mono.fromCompletionStage(() -> admin.describeCluster(options).nodes().toCompletionStage())
                .timeout(timeout.plusMillis(500))
                .map(nodes -> !nodes.isEmpty())
                .onErrorReturn(false)
                .flatMap(up -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", up ? "healthy" : "unhealthy");
                    body.put("timestamp", Instant.now().toString());
                    body.put("kafka", up ? "up" : "unreachable");
                    return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                });
    }
}
