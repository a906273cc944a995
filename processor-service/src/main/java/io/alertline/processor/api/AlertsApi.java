package io.alertline.processor.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.alertline.common.kafka.KafkaConnectivity;
import io.alertline.processor.consume.CategoryListeners;
import io.alertline.processor.consume.SignatureRejections;
import io.alertline.processor.health.StuckCategoryDetector;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeIndex;
import reactor.core.publisher.Mono;

/**
 * The audit API: latest outcomes, the outcomes of one request, and health (503 when Kafka is
 * unreachable or refuses our credentials, a consumer stopped, a category is stuck: records waiting and no
 * progress, or the outcome index has not caught up; records rejected for a bad record signature are listed there too, without changing the status). The outcome views
 * require {@code Authorization: Bearer <PROCESSOR_API_TOKEN>} when a token is configured.
 */
public class AlertsApi {

    private static final int MAX_LIMIT = 1000;

    private final OutcomeIndex index;
    private final ApiToken token;
    private final KafkaConnectivity kafka;
    private final CategoryListeners listeners;
    private final StuckCategoryDetector stuckCategories;
    private final SignatureRejections signatureRejections;
    /** Outcomes the index has still to read (OutcomeLog.behind: negative until every partition was fetched). */
    private final LongSupplier outcomeIndexBehind;

    public AlertsApi(OutcomeIndex index, ApiToken token, KafkaConnectivity kafka, CategoryListeners listeners,
            StuckCategoryDetector stuckCategories, SignatureRejections signatureRejections,
            LongSupplier outcomeIndexBehind) {
        this.signatureRejections = signatureRejections;
        this.outcomeIndexBehind = outcomeIndexBehind;
        this.index = index;
        this.token = token;
        this.kafka = kafka;
        this.listeners = listeners;
        this.stuckCategories = stuckCategories;
    }

    public Mono<ServerResponse> latest(ServerRequest request) {
        if (!token.permits(request)) {
            return ApiToken.unauthorized();
        }
        Integer limit = ApiToken.limit(request, 50, MAX_LIMIT);
        if (limit == null) {
            return badRequest("limit must be a number between 1 and " + MAX_LIMIT);
        }
        List<OutcomeDocument> outcomes = index.recent(limit);
        return json(HttpStatus.OK, Map.of("count", outcomes.size(), "outcomes", outcomes));
    }

    public Mono<ServerResponse> byRequest(ServerRequest request) {
        if (!token.permits(request)) {
            return ApiToken.unauthorized();
        }
        String requestId = request.pathVariable("requestId");
        List<OutcomeDocument> outcomes = index.byRequest(requestId);
        if (outcomes.isEmpty()) {
            return json(HttpStatus.NOT_FOUND, Map.of("error", "Not found",
                    "message", "No outcome recorded for this request id (yet)"));
        }
        return json(HttpStatus.OK, Map.of("request_id", requestId, "count", outcomes.size(), "outcomes", outcomes));
    }

    public Mono<ServerResponse> health(ServerRequest request) {
        // the background check readiness reads too: a request never calls Kafka itself
        KafkaConnectivity.State kafkaState = kafka.state();
        return Mono.just(kafkaState.status())
                .flatMap(status -> {
                    boolean kafkaUp = Boolean.TRUE.equals(kafkaState.reachable());
                    boolean consuming = listeners.allRunning();
                    List<StuckCategoryDetector.Stuck> stuck = stuckCategories.stuck();
                    // as readiness's outcomeIndex: until caught up, a duplicate cannot be told from new work
                    long behind = outcomeIndexBehind.getAsLong();
                    boolean healthy = kafkaUp && consuming && stuck.isEmpty() && behind == 0;
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", healthy ? "healthy" : "unhealthy");
                    body.put("timestamp", Instant.now().toString());
                    body.put("kafka", status);
                    body.put("consumers", consuming ? "running" : "stopped");
                    body.put("categories", stuck.isEmpty() ? "progressing" : "stuck");
                    body.put("outcome_index", behind == 0 ? "caught up"
                            : behind < 0 ? "starting" : "catching up (" + behind + " behind)");
                    if (!stuck.isEmpty()) {
                        body.put("stuck_categories", stuck.stream().map(StuckCategoryDetector.Stuck::describe).toList());
                    }
                    SignatureRejections.Summary rejected = signatureRejections.summary();
                    if (rejected.count() > 0) {
                        // informational: a wrong RECORD_SIGNING_KEY shows here and on readiness
                        Map<String, Object> signatures = new LinkedHashMap<>();
                        signatures.put("count", rejected.count());
                        signatures.put("since", rejected.since().toString());
                        signatures.put("last_at", rejected.lastAt().toString());
                        signatures.put("last_record", rejected.lastRecord());
                        body.put("rejected_record_signatures", signatures);
                    }
                    body.put("indexed_alerts", index.size());
                    return json(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
                });
    }

    private static Mono<ServerResponse> badRequest(String message) {
        return json(HttpStatus.BAD_REQUEST, Map.of("error", "Bad request", "message", message));
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
