package io.alertline.ingest.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The seed's {@code GET /health}: healthy only when Kafka answers, because without Kafka the
 * ingest can accept nothing; {@code "kafka"} says whether it is unreachable or refused our credentials. Uses the admin client's futures, so no thread waits.
 */
public class HealthHandler {

    private static final String UP = "up";
    private static final String UNREACHABLE = "unreachable";
    private static final String AUTHENTICATION_FAILED = "authentication failed";

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
                .map(nodes -> nodes.isEmpty() ? UNREACHABLE : UP)
                .onErrorResume(e -> Mono.just(problem(e)))
                .flatMap(kafka -> {
                    boolean up = UP.equals(kafka);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", up ? "healthy" : "unhealthy");
                    body.put("timestamp", Instant.now().toString());
                    body.put("kafka", kafka);
                    return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                });
    }

    /**
     * A refused login (SASL or TLS) is named as such: it points at this service's credentials
     * or trust store, not at the network or the broker being down.
     */
    private static String problem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return AUTHENTICATION_FAILED;
            }
        }
        return UNREACHABLE;
    }
}
