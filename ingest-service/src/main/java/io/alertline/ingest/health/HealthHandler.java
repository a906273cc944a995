package io.alertline.ingest.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.kafka.KafkaConnectivity;
import reactor.core.publisher.Mono;

/**
 * The seed's {@code GET /health}: healthy only when Kafka answers, because without Kafka the
 * ingest can accept nothing; {@code "kafka"} says whether it is unreachable or refused our
 * credentials. It reads the same background check readiness reads ({@link KafkaConnectivity},
 * every 2 s), so a request never calls Kafka and a busy health checker never multiplies the calls.
 */
public class HealthHandler {

    private final KafkaConnectivity kafka;

    public HealthHandler(KafkaConnectivity kafka) {
        this.kafka = kafka;
    }

    public Mono<ServerResponse> health(ServerRequest request) {
        KafkaConnectivity.State state = kafka.state();
        boolean up = Boolean.TRUE.equals(state.reachable());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "healthy" : "unhealthy");
        body.put("timestamp", Instant.now().toString());
        body.put("kafka", state.status());
        return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
