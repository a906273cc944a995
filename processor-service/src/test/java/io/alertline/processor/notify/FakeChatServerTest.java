package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture other tests lean on: recording, reply order and hanging must be right. */
class FakeChatServerTest {

    static HttpResponse<String> post(String url, String body) throws Exception {
        return TestAlerts.http().send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsRequestsAndRepliesFromTheQueueThenTheDefault() throws Exception {
        try (FakeChatServer server = FakeChatServer.start()) {
            server.enqueue(429, Map.of("Retry-After", "3"), "slow").enqueue(204, Map.of(), "");
            server.setDefault(201, Map.of("X-Default", "1"), "{\"ok\":true}");

            HttpResponse<String> first = post(server.url("/a/b?x=1&y=2"), "one");
            HttpResponse<String> second = post(server.url("/c"), "two");
            HttpResponse<String> third = post(server.url("/d"), "three");

            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("retry-after")).contains("3");
            assertThat(first.body()).isEqualTo("slow");
            assertThat(second.statusCode()).isEqualTo(204);
            assertThat(second.body()).isEmpty();
            assertThat(third.statusCode()).isEqualTo(201);
            assertThat(third.body()).isEqualTo("{\"ok\":true}");
            assertThat(third.headers().firstValue("X-Default")).contains("1");

            assertThat(server.requests()).hasSize(3);
            FakeChatServer.Recorded r = server.requests().get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/a/b");
            assertThat(r.query()).isEqualTo("x=1&y=2");
            assertThat(r.header("x-test")).isEqualTo("yes");
            assertThat(r.body()).isEqualTo("one");
            assertThat(server.requests().get(1).query()).isNull();
            assertThat(server.bodies()).containsExactly("one", "two", "three");
        }
    }

    @Test
    void hangForDelaysTheReply() throws Exception {
        try (FakeChatServer server = FakeChatServer.start()) {
            server.hangFor(Duration.ofMillis(400));

            long started = System.nanoTime();
            HttpResponse<String> response = post(server.url("/slow"), "x");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
    }
}
