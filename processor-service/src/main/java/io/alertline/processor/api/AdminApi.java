package io.alertline.processor.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.topic.Category;
import io.alertline.processor.replay.RecordFilter;
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

    /** {@code POST /replay} with {@code {"categories":[…],"from":…,"to":…,"alertname":…,"force":true,"dry_run":true,"actor":…}}. */
    public Mono<ServerResponse> replay(ServerRequest request) {
        return guarded(request, body -> replays.replay(categories(body), range(body), filter(body),
                body.path("force").asBoolean(false), body.path("dry_run").asBoolean(false), actor(body)));
    }

    /** {@code GET /dead-letters?category=&request_id=&reason=&alertname=&limit=}. */
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
        return blocking(() -> replays.deadLetters(category, filter, limit));
    }

    /** {@code POST /dead-letters/redrive} with {@code {"category":…,"request_id"|"reason"|"alertname"|"partition"|"all":…,"dry_run":…,"actor":…}}. */
    public Mono<ServerResponse> redrive(ServerRequest request) {
        return guarded(request, body -> replays.redrive(Category.fromId(body.path("category").asString("")),
                range(body), filter(body), body.path("all").asBoolean(false), body.path("dry_run").asBoolean(false),
                actor(body)));
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
                        e -> badRequest("a JSON body is required"));
    }

    private static Mono<ServerResponse> blocking(Callable<Object> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .flatMap(result -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result))
                .onErrorResume(IllegalArgumentException.class, e -> badRequest(e.getMessage()));
    }

    private static Mono<ServerResponse> badRequest(String message) {
        return ServerResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", "Bad request", "message", message == null ? "invalid request" : message));
    }

    private static List<Category> categories(JsonNode body) {
        JsonNode node = body.path("categories");
        if (node.isArray()) {
            return node.valueStream().map(n -> Category.fromId(n.asString())).toList();
        }
        return body.hasNonNull("category") ? List.of(Category.fromId(body.get("category").asString())) : List.of();
    }

    private static ScanRange range(JsonNode body) {
        return new ScanRange(instant(body, "from"), instant(body, "to"),
                body.hasNonNull("partition") ? body.get("partition").asInt() : null,
                body.hasNonNull("from_offset") ? body.get("from_offset").asLong() : null,
                body.hasNonNull("to_offset") ? body.get("to_offset").asLong() : null);
    }

    private static java.time.Instant instant(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        try {
            return java.time.Instant.parse(body.get(field).asString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant");
        }
    }

    private static RecordFilter filter(JsonNode body) {
        return new RecordFilter(text(body, "request_id"), text(body, "alertname"), text(body, "fingerprint"),
                text(body, "reason"));
    }

    private static String actor(JsonNode body) {
        String actor = text(body, "actor");
        return actor != null ? actor : "api";
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asString() : null;
    }
}
