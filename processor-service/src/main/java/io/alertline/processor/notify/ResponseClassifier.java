package io.alertline.processor.notify;

import io.alertline.processor.notify.Delivery.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's {@code Retrier}, for us: 2xx DELIVERED; 429 and 5xx RETRYABLE (with Retry-After
 * from the header in seconds or HTTP-date, or from a JSON body's {@code retry_after} (Discord,
 * float seconds) or {@code parameters.retry_after} (Telegram)); other statuses FINAL.
 *
 * <p>One classifier for every channel so that "should we try again" means the same thing for
 * Slack, Discord and Telegram; the integrations only build requests.
 */
public final class ResponseClassifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_EXCERPT = 200;
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    // Error bodies and exception messages sometimes echo the request URL, which for chat webhooks
    // is the credential; the classifier does not know the secrets, so it drops every URL it sees.
    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://\\S*");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Cntrl}]+");

    private ResponseClassifier() {
    }

    public static Delivery classify(int status, HttpHeaders headers, String body) {
        if (status >= 200 && status <= 299) {
            return new Delivery(Result.DELIVERED, status, null, "HTTP " + status);
        }
        String detail = "HTTP " + status + excerpt(body);
        if (status == 429 || (status >= 500 && status <= 599)) {
            return new Delivery(Result.RETRYABLE, status, retryAfter(headers, body), detail);
        }
        return new Delivery(Result.FINAL, status, null, detail);
    }

    /** IOException / timeouts / interrupted → RETRYABLE; anything else is a bug or bad config → FINAL. */
    public static Delivery failure(Exception e) {
        Throwable cause = unwrap(e);
        boolean retryable = cause instanceof IOException
                || cause instanceof UncheckedIOException
                || cause instanceof TimeoutException
                || cause instanceof InterruptedException;
        return new Delivery(retryable ? Result.RETRYABLE : Result.FINAL, 0, null, describe(cause));
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        String text = t.getClass().getSimpleName();
        String message = t.getMessage();
        if ((message == null || message.isBlank()) && t.getCause() != null) {
            // the JDK client often wraps e.g. "Connection refused" in a message-less ConnectException
            message = t.getCause().getClass().getSimpleName()
                    + (t.getCause().getMessage() == null ? "" : ": " + t.getCause().getMessage());
        }
        if (message != null && !message.isBlank()) {
            text += ": " + clean(message);
        }
        return Truncation.fit(text, MAX_EXCERPT);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        JsonNode json = parseObject(body);
        if (json != null) {
            // Telegram says why in "description", Discord in "message"; the rest of the body is noise
            for (String field : new String[] {"description", "message", "error"}) {
                if (json.path(field).isString()) {
                    text = json.path(field).stringValue();
                    break;
                }
            }
        }
        text = clean(text);
        return text.isEmpty() ? "" : ": " + Truncation.fit(text, MAX_EXCERPT);
    }

    private static String clean(String text) {
        return WHITESPACE.matcher(URL.matcher(text).replaceAll("<url>")).replaceAll(" ").strip();
    }

    /** The later of the header's and the body's hint: retrying earlier than either asked is wasted. */
    private static Duration retryAfter(HttpHeaders headers, String body) {
        Duration fromHeader = headers == null ? null
                : headers.firstValue("Retry-After").map(ResponseClassifier::parseHeader).orElse(null);
        Duration fromBody = parseBody(body);
        if (fromHeader == null) {
            return fromBody;
        }
        if (fromBody == null) {
            return fromHeader;
        }
        return fromHeader.compareTo(fromBody) >= 0 ? fromHeader : fromBody;
    }

    private static Duration parseHeader(String value) {
        String v = value.strip();
        if (SECONDS.matcher(v).matches()) {
            return seconds(Double.parseDouble(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration parseBody(String body) {
        JsonNode json = parseObject(body);
        if (json == null) {
            return null;
        }
        JsonNode discord = json.path("retry_after");
        if (discord.isNumber()) {
            return seconds(discord.doubleValue());
        }
        JsonNode telegram = json.path("parameters").path("retry_after");
        return telegram.isNumber() ? seconds(telegram.doubleValue()) : null;
    }

    private static JsonNode parseObject(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Duration seconds(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return null;
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
