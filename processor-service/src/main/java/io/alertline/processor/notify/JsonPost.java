package io.alertline.processor.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a JSON body and turns whatever happens into a {@link Delivery} (Alertmanager's
 * {@code notify.PostJSON} plus its {@code Retrier}), with the detail redacted. Shared so that
 * every integration times out, classifies and hides its secrets the same way.
 */
public final class JsonPost {

    private JsonPost() {
    }

    /** For constructors: a zero or negative timeout would make every send fail, so refuse it at startup. */
    public static Duration requirePositive(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    /**
     * The whole of a notifier's {@code send}: refuse when not configured, render the message
     * (a rendering bug becomes a FINAL delivery, not an exception), then POST it.
     */
    public static Delivery renderAndSend(String channel, URI uri, java.util.function.Supplier<String> render,
            HttpClient http, Duration timeout, SecretRedactor redactor) {
        if (uri == null) {
            return new Delivery(Delivery.Result.FINAL, 0, null, channel + " is not configured");
        }
        String body;
        try {
            body = render.get();
        } catch (RuntimeException e) {
            Delivery d = ResponseClassifier.failure(e);
            return new Delivery(d.result(), 0, null, "could not render message: " + redactor.redact(d.detail()));
        }
        return send(http, uri, body, timeout, redactor);
    }

    public static Delivery send(HttpClient http, URI uri, String json, Duration timeout, SecretRedactor redactor) {
        Delivery delivery;
        CompletableFuture<HttpResponse<String>> response = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "alertline")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // the request timeout stops at the response headers; this bounds a body that trickles in too
            HttpResponse<String> r = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            delivery = ResponseClassifier.classify(r.statusCode(), r.headers(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = ResponseClassifier.failure(e);
        } catch (TimeoutException e) {
            delivery = ResponseClassifier.failure(new HttpTimeoutException("timed out after " + timeout.toMillis() + " ms"));
        } catch (ExecutionException | RuntimeException e) {
            delivery = ResponseClassifier.failure(e);
        } finally {
            if (response != null) {
                response.cancel(true);
            }
        }
        return new Delivery(delivery.result(), delivery.httpStatus(), delivery.retryAfter(),
                redactor.redact(delivery.detail()));
    }
}
