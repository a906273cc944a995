package io.alertline.bench.ceiling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.auth.HmacSignatureVerifier;
import reactor.core.publisher.Mono;

/**
 * Ceiling C of scripts/bench.sh, the "minimal durable ingest": ceiling A's app (same stack, same
 * body read) plus what makes an ingest durable and authenticated, and nothing else: the
 * {@code X-Signature} HMAC check of the raw body (the ingest's own verifier), one plain
 * {@link KafkaProducer} send per request (acks=all, idempotent, linger 5 ms, no key, no
 * compression, no headers) called on the event loop, and a 200 with the record's offset once the
 * broker acknowledged it, written from the producer's callback. No rate limit, no JSON parse or
 * validation, no metrics, no provenance headers, no record signature: the ingest's distance to
 * this is what its extra guarantees and its own overhead cost.
 *
 * <p>Environment: {@code CEILING_PORT} (default 5603, bound to 127.0.0.1),
 * {@code CEILING_BOOTSTRAP} (default 127.0.0.1:49092), {@code CEILING_TOPIC} (default
 * bench.durable), {@code WEBHOOK_SECRET} (required).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DurableCeilingApplication implements DisposableBean {

    private static final byte[] UNAUTHORIZED = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private final HmacSignatureVerifier verifier = new HmacSignatureVerifier(
            List.of(required("WEBHOOK_SECRET")), Duration.ofMinutes(5), Clock.systemUTC());
    private final String topic = System.getenv().getOrDefault("CEILING_TOPIC", "bench.durable");
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("CEILING_BOOTSTRAP", "127.0.0.1:49092"),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
            ProducerConfig.CLIENT_ID_CONFIG, "alertline-bench-durable-ceiling"),
            new ByteArraySerializer(), new ByteArraySerializer());

    @Bean
    RouterFunction<ServerResponse> routes() {
        return CeilingServer.routes(this::handle);
    }

    private Mono<ServerResponse> handle(ServerRequest request) {
        String signature = request.headers().firstHeader("X-Signature");
        return CeilingServer.body(request)
                .flatMap(body -> verifier.verify(body, signature, null).valid() ? publish(body)
                        : ServerResponse.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(UNAUTHORIZED));
    }

    private Mono<ServerResponse> publish(byte[] body) {
        return Mono.<String>create(sink -> producer.send(new ProducerRecord<>(topic, body), (meta, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success("{\"status\":\"success\",\"processed\":0,\"topic\":\"" + meta.topic() + "\",\"partition\":"
                        + meta.partition() + ",\"offset\":" + meta.offset() + "}");
            }
        })).flatMap(answer -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(answer.getBytes(StandardCharsets.UTF_8)))
                .onErrorResume(e -> ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"error\":\"Kafka unavailable\"}"));
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    public static void main(String[] args) {
        CeilingServer.run(DurableCeilingApplication.class, "alertline-bench-durable-ceiling", args);
    }
}
