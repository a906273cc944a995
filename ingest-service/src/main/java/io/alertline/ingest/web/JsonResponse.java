package io.alertline.ingest.web;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;

import reactor.core.publisher.Mono;

/**
 * An answer whose JSON body is already bytes, written straight to the response. Why not
 * {@code ServerResponse.status(..).bodyValue(..)}: for every request that builds a header map, copies
 * it into the response, parses its content type back and searches the codecs for a writer of
 * {@code byte[]}, together about 5 % of the ingest's CPU at saturation (docs/PERFORMANCE.md);
 * here the status, a handful of headers and one buffer are set directly.
 */
final class JsonResponse {

    private static final String APPLICATION_JSON = "application/json";

    private final HttpStatusCode status;
    /** Header names and values, alternating: a few at most, so no map per answer. */
    private final List<String> headerPairs;
    private final byte[] body;

    JsonResponse(HttpStatusCode status, List<String> headerPairs, byte[] body) {
        if (headerPairs.size() % 2 != 0) {
            throw new IllegalArgumentException("header names and values must alternate");
        }
        this.status = status;
        this.headerPairs = headerPairs;
        this.body = body;
    }

    HttpStatusCode statusCode() {
        return status;
    }

    Mono<Void> writeTo(ServerHttpResponse response) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
        headers.setContentLength(body.length);
        for (int i = 0; i < headerPairs.size(); i += 2) {
            headers.add(headerPairs.get(i), headerPairs.get(i + 1));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
