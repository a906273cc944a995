package io.alertline.processor.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the processor's admin API and actuator: any body (also ones that are not
 * JSON), any answer kept as text, so a test can send hostile input and read text metrics.
 */
public final class AdminHttp {

    /**
     * A new HTTP/1.1 client per request, so no connection is ever reused: the tests start and stop
     * many servers on ports the kernel hands out again, and a pooled keep-alive connection to a
     * stopped server on a reused port has been seen to hang a request until its timeout.
     */
    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminHttp() {
    }

    public record Answer(int status, String contentType, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }
    }

    public static Answer post(int port, String path, String body, String bearer) {
        HttpRequest.Builder builder = request(port, path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(builder.build());
    }

    public static Answer get(int port, String path, String bearer) {
        return send(request(port, path, bearer).GET().build());
    }

    private static HttpRequest.Builder request(int port, String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
