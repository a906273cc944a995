package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertline.processor.notify.Delivery.Result;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseClassifierTest {

    static HttpHeaders headers(String... nameValue) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204, 299})
    void twoHundredsAreDelivered(int status) {
        Delivery d = ResponseClassifier.classify(status, headers(), "ok");

        assertThat(d.result()).isEqualTo(Result.DELIVERED);
        assertThat(d.httpStatus()).isEqualTo(status);
        assertThat(d.retryAfter()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504, 599})
    void rateLimitsAndServerErrorsAreRetryable(int status) {
        Delivery d = ResponseClassifier.classify(status, headers(), "busy");

        assertThat(d.result()).isEqualTo(Result.RETRYABLE);
        assertThat(d.retryAfter()).isNull();
        assertThat(d.detail()).isEqualTo("HTTP " + status + ": busy");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 304, 400, 401, 403, 404, 408, 410, 413, 600})
    void everythingElseIsFinalAndIgnoresRetryAfter(int status) {
        Delivery d = ResponseClassifier.classify(status, headers("Retry-After", "3"), "{\"retry_after\":2}");

        assertThat(d.result()).isEqualTo(Result.FINAL);
        assertThat(d.retryAfter()).isNull();
    }

    @Test
    void retryAfterHeaderInSeconds() {
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", "3"), "").retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(ResponseClassifier.classify(503, headers("retry-after", " 120 "), null).retryAfter())
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterHeaderAsHttpDate() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(30));

        assertThat(ResponseClassifier.classify(429, headers("Retry-After", in30s), "").retryAfter())
                .isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", past), "").retryAfter())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", "soon"), "{not json").retryAfter()).isNull();
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", "-5"), "{\"retry_after\":-1}").retryAfter())
                .isNull();
        assertThat(ResponseClassifier.classify(429, null, "{\"retry_after\":\"2\"}").retryAfter()).isNull();
    }

    @Test
    void discordBodyRetryAfterIsFloatSeconds() {
        Delivery d = ResponseClassifier.classify(429, headers(),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}");

        assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(d.detail()).isEqualTo("HTTP 429: You are being rate limited.");
    }

    @Test
    void telegramBodyRetryAfterIsUnderParameters() {
        Delivery d = ResponseClassifier.classify(429, headers(),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.detail()).isEqualTo("HTTP 429: Too Many Requests: retry after 7");
    }

    @Test
    void whenHeaderAndBodyDisagreeTheLaterWins() {
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", "2"), "{\"retry_after\":3.25}").retryAfter())
                .isEqualTo(Duration.ofMillis(3250));
        assertThat(ResponseClassifier.classify(429, headers("Retry-After", "4"), "{\"retry_after\":3.25}").retryAfter())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void detailIsShortSingleLineAndDropsUrls() {
        String body = "<html>\n<body>Not found: https://discord.com/api/webhooks/1/SECRETTOKEN and "
                + "x".repeat(1000) + "</body></html>";

        Delivery d = ResponseClassifier.classify(404, headers(), body);

        assertThat(d.detail()).startsWith("HTTP 404: <html> <body>Not found: <url> and xxx")
                .doesNotContain("\n").doesNotContain("SECRETTOKEN").doesNotContain("discord.com")
                .hasSizeLessThanOrEqualTo(220).endsWith("…");
    }

    @Test
    void networkFailuresAreRetryable() {
        List<Exception> failures = List.of(new IOException("stream closed"), new ConnectException(),
                new HttpTimeoutException("request timed out"), new HttpConnectTimeoutException("connect timed out"),
                new TimeoutException(), new InterruptedException(),
                new ExecutionException(new ConnectException("Connection refused")),
                new java.io.UncheckedIOException(new IOException("reset")));

        for (Exception e : failures) {
            Delivery d = ResponseClassifier.failure(e);
            assertThat(d.result()).as(e.toString()).isEqualTo(Result.RETRYABLE);
            assertThat(d.httpStatus()).isZero();
            assertThat(d.retryAfter()).isNull();
            assertThat(d.detail()).isNotBlank().doesNotContain("null");
        }
        assertThat(ResponseClassifier.failure(new ExecutionException(new ConnectException("Connection refused"))).detail())
                .isEqualTo("ConnectException: Connection refused");
        assertThat(ResponseClassifier.failure(new InterruptedException()).detail()).isEqualTo("interrupted");
    }

    @Test
    void programmingErrorsAreFinal() {
        assertThat(ResponseClassifier.failure(new IllegalArgumentException("bad")).result()).isEqualTo(Result.FINAL);
        assertThat(ResponseClassifier.failure(new NullPointerException()).result()).isEqualTo(Result.FINAL);
        assertThat(ResponseClassifier.failure(null).result()).isEqualTo(Result.FINAL);
    }

    @Test
    void failureDetailDropsUrlsFromExceptionMessages() {
        Delivery d = ResponseClassifier.failure(
                new IOException("failed POST https://hooks.slack.com/services/T1/B1/SLACKSECRET: reset"));

        assertThat(d.detail()).isEqualTo("IOException: failed POST <url> reset");
    }
}
