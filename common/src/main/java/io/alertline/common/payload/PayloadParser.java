package io.alertline.common.payload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates a webhook body: one streaming pass ({@link RawPayload}), then the checks.
 *
 * <p>The body must be strict UTF-8 ({@link StrictUtf8}) before Jackson sees it. Beyond that it
 * rejects only what cannot be processed: no {@code alerts} array, an alert without
 * {@code labels.alertname}, values of the wrong JSON type, absurd sizes. Unknown fields, unknown
 * labels and unknown severities pass, because Alertmanager sends a whole group at once and one
 * odd alert must not bounce the others. Scalars where strings are expected (a numeric label
 * value) are kept as their text.
 *
 * <p>Why streaming: building a JSON tree and then copying it into maps was the largest piece of
 * the ingest's own CPU per request (docs/PERFORMANCE.md). The checks run in the order the tree
 * parser ran them, so a body gets the same payload or the same error as before
 * ({@code StreamingPayloadParserEquivalenceTest} holds the two side by side).
 */
public final class PayloadParser {

    private static final String FIELD_REQUIRED = "Field required";
    private static final String MUST_BE_A_STRING = "Must be a string";

    private final JsonMapper mapper;
    private final PayloadLimits limits;

    public PayloadParser(JsonMapper mapper, PayloadLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    public PayloadParser() {
        this(JsonMapper.builder().build(), PayloadLimits.DEFAULT);
    }

    public WebhookPayload parse(byte[] body) {
        requireUtf8(body);
        return parseUtf8(body);
    }

    /**
     * What the ingest needs of a body, for exactly the bodies {@link #parse} accepts, with the
     * same error for the others: a clean body is checked in one pass that builds nothing else
     * ({@link CleanPayloadScan}); anything unusual goes through the full parse.
     */
    public PayloadSummary summarize(byte[] body) {
        requireUtf8(body);
        PayloadSummary summary = CleanPayloadScan.scan(mapper, body, limits);
        return summary != null ? summary : PayloadSummary.of(parseUtf8(body));
    }

    private WebhookPayload parseUtf8(byte[] body) {
        RawPayload raw;
        try (JsonParser parser = mapper.createParser(body)) {
            raw = RawPayload.read(parser, limits.maxAlerts());
            if (parser.nextToken() != null) {
                throw new PayloadValidationException("body", "Invalid JSON: Trailing token (`JsonToken."
                        + parser.currentToken() + "`) found after value");
            }
        } catch (JacksonException e) {
            throw new PayloadValidationException("body", "Invalid JSON: " + e.getOriginalMessage());
        }
        return validate(raw);
    }

    private static void requireUtf8(byte[] body) {
        int invalid = StrictUtf8.firstInvalidByte(body);
        if (invalid >= 0) {
            throw new PayloadValidationException("body", body[invalid] == 0
                    ? "Not UTF-8: NUL byte at offset " + invalid + " (UTF-16 and UTF-32 are refused; RFC 8259 requires UTF-8)"
                    : "Not UTF-8: invalid byte sequence at offset " + invalid + " (RFC 8259 requires UTF-8)");
        }
    }

    private WebhookPayload validate(RawPayload raw) {
        if (raw.empty) {
            throw new PayloadValidationException("body", "Empty body");
        }
        if (!raw.rootIsObject) {
            throw new PayloadValidationException("body", "Must be a JSON object");
        }
        if (raw.alerts == null) {
            throw new PayloadValidationException("alerts", FIELD_REQUIRED);
        }
        if (raw.alerts == RawPayload.WRONG_TYPE) {
            throw new PayloadValidationException("alerts", "Must be an array");
        }
        if (raw.alertCount == 0) {
            throw new PayloadValidationException("alerts", "Must contain at least one alert");
        }
        if (raw.alertCount > limits.maxAlerts()) {
            throw new PayloadValidationException("alerts",
                    "Too many alerts: " + raw.alertCount + " (limit " + limits.maxAlerts() + ")");
        }
        String groupStatus = text(raw.status, "status");
        @SuppressWarnings("unchecked")
        List<RawPayload.Alert> rawAlerts = (List<RawPayload.Alert>) raw.alerts;
        List<Alert> alerts = new ArrayList<>(rawAlerts.size());
        for (int i = 0; i < rawAlerts.size(); i++) {
            alerts.add(alert(rawAlerts.get(i), "alerts[" + i + "]", groupStatus));
        }
        return new WebhookPayload(
                text(raw.receiver, "receiver"),
                groupStatus,
                alerts,
                stringMap(raw.groupLabels, "groupLabels"),
                stringMap(raw.commonLabels, "commonLabels"),
                stringMap(raw.commonAnnotations, "commonAnnotations"),
                text(raw.externalURL, "externalURL"),
                text(raw.version, "version"),
                text(raw.groupKey, "groupKey"),
                truncatedAlerts(raw.truncatedAlerts));
    }

    private Alert alert(RawPayload.Alert raw, String path, String groupStatus) {
        if (!raw.object()) {
            throw new PayloadValidationException(path, "Must be an object");
        }
        if (raw.labels() == null) {
            throw new PayloadValidationException(path + ".labels", FIELD_REQUIRED);
        }
        Map<String, String> labels = stringMap(raw.labels(), path + ".labels");
        String alertname = labels.get("alertname");
        if (alertname == null || alertname.isBlank()) {
            throw new PayloadValidationException(path + ".labels.alertname", FIELD_REQUIRED);
        }
        if (alertname.length() > limits.maxAlertnameLength()) {
            throw new PayloadValidationException(path + ".labels.alertname",
                    "Too long (limit " + limits.maxAlertnameLength() + " characters)");
        }
        String status = text(raw.status(), path + ".status");
        if (status == null) {
            status = groupStatus != null ? groupStatus : Alert.FIRING;
        }
        if (!Alert.FIRING.equals(status) && !Alert.RESOLVED.equals(status)) {
            throw new PayloadValidationException(path + ".status", "Must be 'firing' or 'resolved'");
        }
        return new Alert(
                status,
                labels,
                stringMap(raw.annotations(), path + ".annotations"),
                text(raw.startsAt(), path + ".startsAt"),
                text(raw.endsAt(), path + ".endsAt"),
                text(raw.generatorURL(), path + ".generatorURL"),
                text(raw.fingerprint(), path + ".fingerprint"));
    }

    private static String text(Object value, String path) {
        if (value == RawPayload.WRONG_TYPE) {
            throw new PayloadValidationException(path, MUST_BE_A_STRING);
        }
        return (String) value;
    }

    private static Map<String, String> stringMap(Object value, String path) {
        if (value == null) {
            return Map.of();
        }
        if (value == RawPayload.WRONG_TYPE) {
            throw new PayloadValidationException(path, "Must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> entries = (Map<String, Object>) value;
        // the raw map is this request's own: checked and narrowed in place, no second map
        entries.values().removeIf(v -> v == RawPayload.NULL_VALUE);
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (entry.getValue() == RawPayload.CONTAINER) {
                throw new PayloadValidationException(path + "." + entry.getKey(), MUST_BE_A_STRING);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> strings = (Map<String, String>) (Map<String, ?>) entries;
        return Collections.unmodifiableMap(strings);
    }

    private static int truncatedAlerts(Object value) {
        if (value == null) {
            return 0;
        }
        if (value == RawPayload.WRONG_TYPE) {
            throw new PayloadValidationException("truncatedAlerts", "Must be a non-negative integer");
        }
        return (Integer) value;
    }
}
