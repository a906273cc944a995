package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import io.alertline.common.topic.Category;
import reactor.core.publisher.Mono;

/**
 * Which requests the webhook endpoints take from WebFlux (a POST to a category's exact path), and
 * what they answer when the handler fails: quietly for a client that went away, 500 with a JSON
 * body for anything else. The requests themselves are covered end to end by the other web tests.
 */
class WebhookEndpointsTest {

    private final List<Category> handled = new ArrayList<>();
    private final List<String> passedOn = new ArrayList<>();
    private Throwable failWith;

    private final WebhookHandler handler = new WebhookHandler(null, null, null, null, null, null, null, 0, 1) {
        @Override
        public Mono<Void> handle(Category category, ServerHttpRequest request, ServerHttpResponse response) {
            handled.add(category);
            return failWith == null ? response.setComplete() : Mono.error(failWith);
        }
    };
    private final HttpHandler next = (request, response) -> {
        passedOn.add(request.getMethod() + " " + request.getPath().value());
        return response.setComplete();
    };
    private final HttpHandler endpoints = new WebhookEndpoints(handler, new ClientDisconnects()).apply(next);

    @Test
    void aPostToEachCategoryPathIsHandledAsThatCategory() {
        for (Category category : Category.values()) {
            serve(MockServerHttpRequest.post(category.path()).build());
        }
        assertThat(handled).containsExactly(Category.values());
        assertThat(passedOn).isEmpty();
    }

    @Test
    void everythingElseGoesOnToWebFlux() {
        serve(MockServerHttpRequest.get("/webhook").build());
        serve(MockServerHttpRequest.put("/webhook/critical").build());
        serve(MockServerHttpRequest.post("/webhook/critical/").build());
        serve(MockServerHttpRequest.post("/webhook/unknown").build());
        serve(MockServerHttpRequest.post("/actuator/health").build());
        serve(MockServerHttpRequest.get("/health").build());
        assertThat(handled).isEmpty();
        assertThat(passedOn).containsExactly("GET /webhook", "PUT /webhook/critical", "POST /webhook/critical/",
                "POST /webhook/unknown", "POST /actuator/health", "GET /health");
    }

    @Test
    void aQueryStringDoesNotChangeTheRoute() {
        serve(MockServerHttpRequest.post("/webhook/gpu?source=am").build());
        assertThat(handled).containsExactly(Category.GPU);
    }

    @Test
    void aClientThatWentAwayEndsQuietly() {
        failWith = new IOException("Connection reset by peer");
        MockServerHttpResponse response = serve(MockServerHttpRequest.post("/webhook").build());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBodyAsString().block()).isEmpty();
    }

    @Test
    void anUnexpectedFailureIsA500WithAJsonBody() {
        failWith = new IllegalStateException("a bug");
        MockServerHttpResponse response = serve(MockServerHttpRequest.post("/webhook/ai").build());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getHeaders().getContentType()).hasToString("application/json");
        assertThat(response.getBodyAsString().block()).startsWith("{\"error\":\"Internal error\"");
    }

    private MockServerHttpResponse serve(MockServerHttpRequest request) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoints.handle(request, response).block();
        return response;
    }
}
