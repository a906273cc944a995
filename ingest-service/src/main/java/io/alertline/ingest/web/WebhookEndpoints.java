package io.alertline.ingest.web;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

import io.alertline.common.topic.Category;
import reactor.core.publisher.Mono;

/**
 * The webhook endpoints ({@code POST /webhook}, {@code /webhook/critical}, ...), served at the
 * HTTP handler, ahead of WebFlux's dispatcher; every other request (health, actuator, other methods
 * on these paths) goes on to WebFlux unchanged.
 *
 * <p>Why not router functions: per request the dispatcher builds an exchange, runs the exception
 * and filter chains, searches the handler mappings and matches route predicates, adapts the handler
 * and handles its result, all as Reactor operators; for the ingest's one hot path that machinery
 * was about 8 % of its CPU at saturation (docs/PERFORMANCE.md), and it decides nothing here: the
 * method and the exact path pick the category, and the answer is already bytes. What the chain did
 * for these requests is done here instead: a client that went away or timed out ends quietly
 * ({@link ClientDisconnects}), and anything unexpected is logged and answered 500 with a JSON body.
 */
public final class WebhookEndpoints implements HttpHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

    private final Map<String, Category> byPath = new HashMap<>();
    private final WebhookHandler webhooks;
    private final ClientDisconnects disconnects;

    public WebhookEndpoints(WebhookHandler webhooks, ClientDisconnects disconnects) {
        this.webhooks = webhooks;
        this.disconnects = disconnects;
        for (Category category : Category.values()) {
            byPath.put(category.path(), category);
        }
    }

    @Override
    public HttpHandler apply(HttpHandler next) {
        return (request, response) -> {
            Category category = request.getMethod() == HttpMethod.POST ? byPath.get(request.getPath().value()) : null;
            return category == null ? next.handle(request, response) : handle(category, request, response);
        };
    }

    private Mono<Void> handle(Category category, ServerHttpRequest request, ServerHttpResponse response) {
        return webhooks.handle(category, request, response)
                .onErrorResume(e -> disconnects.handle(request, response, logPrefix(request), e))
                .onErrorResume(e -> unexpected(request, response, e));
    }

    private static Mono<Void> unexpected(ServerHttpRequest request, ServerHttpResponse response, Throwable e) {
        log.error("{}{} {} failed unexpectedly", logPrefix(request), request.getMethod(), request.getPath(), e);
        if (response.isCommitted()) {
            return response.setComplete();
        }
        response.getHeaders().clear();
        return Responses.internalError().writeTo(response);
    }

    private static String logPrefix(ServerHttpRequest request) {
        return "[" + request.getId() + "] ";
    }
}
