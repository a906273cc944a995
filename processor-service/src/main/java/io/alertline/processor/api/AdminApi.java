package io.alertline.processor.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.topic.Category;
import io.alertline.processor.replay.RecordFilter;
import io.alertline.processor.replay.ReplayRequest;
import io.alertline.processor.replay.ReplayService;
import io.alertline.processor.replay.ScanRange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The replay, dead-letter and audit operations over HTTP, for tooling; same semantics as the
 * jar's subcommands. Scans and re-publishing block on Kafka, so they run on bounded elastic
 * threads, never on the event loop.
 */
public class AdminApi {

    private final ReplayService replays;
    private final ApiToken token;

    public AdminApi(ReplayService replays, ApiToken token) {
        this.replays = replays;
        this.token = token;
    }

    /** Fields of {@code POST /replay}: criteria, {@code all}, and how to replay. */
    static final Set<String> REPLAY_FIELDS = Set.of("categories", "category", "from", "to", "partition", "from_offset",
            "to_offset", "request_id", "alertname", "fingerprint", "reason", "all", "include_replays", "force",
            "dry_run", "actor");
    /** Fields of {@code POST /dead-letters/redrive}. */
    static final Set<String> REDRIVE_FIELDS = Set.of("category", "from", "to", "partition", "from_offset", "to_offset",
            "request_id", "alertname", "fingerprint", "reason", "all", "include_redriven", "dry_run", "actor");

    /**
     * {@code POST /replay} with {@code {"categories":[…],"from":…,"to":…,"alertname":…,"force":true,"dry_run":true,"actor":…}};
     * without any criterion only with {@code "all": true}.
     */
    public Mono<ServerResponse> replay(ServerRequest request) {
        return guarded(request, json -> {
            RequestBody body = RequestBody.of(json, REPLAY_FIELDS);
            return replays.replay(new ReplayRequest(body.categories(), range(body), filter(body), body.flag("all"),
                    body.flag("include_replays"), body.flag("force"), body.flag("dry_run"),
                    token.actor(body.text("actor"))));
        });
    }

    /** {@code GET /dead-letters?category=&request_id=&reason=&alertname=&limit=&include_redriven=true}. */
    public Mono<ServerResponse> deadLetters(ServerRequest request) {
        if (!token.permits(request)) {
            return ApiToken.unauthorized();
        }
        Category category;
        try {
            category = request.queryParam("category").map(Category::fromId).orElse(null);
        } catch (IllegalArgumentException e) {
            return badRequest("category must be one of generic, critical, warning, gpu, ai, database");
        }
        Integer limit = ApiToken.limit(request, 1000, 100_000);
        if (limit == null) {
            return badRequest("limit must be a number between 1 and 100000");
        }
        RecordFilter filter = new RecordFilter(request.queryParam("request_id").orElse(null),
                request.queryParam("alertname").orElse(null), null, request.queryParam("reason").orElse(null));
        boolean includeRedriven = request.queryParam("include_redriven").map(Boolean::parseBoolean).orElse(false);
        return blocking(() -> replays.deadLetters(category, filter, limit, includeRedriven));
    }

    /** {@code POST /dead-letters/redrive} with {@code {"category":…,"request_id"|"reason"|"alertname"|"partition"|"all":…,"dry_run":…,"actor":…}}. */
    public Mono<ServerResponse> redrive(ServerRequest request) {
        return guarded(request, json -> {
            RequestBody body = RequestBody.of(json, REDRIVE_FIELDS);
            String category = body.text("category");
            if (category == null) {
                throw new IllegalArgumentException("category is required");
            }
            return replays.redrive(RequestBody.category(category), range(body), filter(body), body.flag("all"),
                    body.flag("include_redriven"), body.flag("dry_run"), token.actor(body.text("actor")));
        });
    }

    /** {@code GET /audit?limit=N}: the latest replay and re-drive operations. */
    public Mono<ServerResponse> audit(ServerRequest request) {
        if (!token.permits(request)) {
            return ApiToken.unauthorized();
        }
        Integer limit = ApiToken.limit(request, 50, 1000);
        if (limit == null) {
            return badRequest("limit must be a number between 1 and 1000");
        }
        return blocking(() -> Map.of("entries", replays.audit(limit)));
    }

    private Mono<ServerResponse> guarded(ServerRequest request, java.util.function.Function<JsonNode, Object> op) {
        if (!token.permits(request)) {
            return ApiToken.unauthorized();
        }
        return request.bodyToMono(JsonNode.class)
                .switchIfEmpty(Mono.error(new IllegalArgumentException("a JSON body is required")))
                .flatMap(body -> blocking(() -> op.apply(body)))
                .onErrorResume(IllegalArgumentException.class, e -> badRequest(e.getMessage()))
                .onErrorResume(org.springframework.web.server.ServerWebInputException.class,
                        e -> badRequest("the body must be a JSON object"))
                .onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> ServerResponse.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("error", "Payload too large", "message", "the body is too large")));
    }

    private static Mono<ServerResponse> blocking(Callable<Object> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .flatMap(result -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result))
                .onErrorResume(IllegalArgumentException.class, e -> badRequest(e.getMessage()))
                // Kafka not answering (a scan timing out, no metadata) is the broker's state, not a bug here.
                .onErrorResume(KafkaException.class, e -> ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("error", "Service unavailable",
                                "message", "Kafka did not serve the request: " + e.getMessage())));
    }

    private static Mono<ServerResponse> badRequest(String message) {
        return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", "Bad request", "message", message == null ? "invalid request" : message));
    }

    private static ScanRange range(RequestBody body) {
        return new ScanRange(body.instant("from"), body.instant("to"), body.partition("partition"),
                body.offset("from_offset"), body.offset("to_offset"));
    }

    private static RecordFilter filter(RequestBody body) {
        return new RecordFilter(body.text("request_id"), body.text("alertname"), body.text("fingerprint"),
                body.text("reason"));
    }

}
