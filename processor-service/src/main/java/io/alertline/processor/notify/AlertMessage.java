package io.alertline.processor.notify;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as a chat message shows it; any field except alertname and status may be null, and
 * templates must then leave the field out or show a fallback such as "n/a" — never "null".
 *
 * @param status "firing" or "resolved"
 * @param time startsAt for firing, endsAt or now for resolved
 * @param requestId for correlating logs; not shown in chat
 * @param generatorURL the Prometheus graph of the alerting expression, or null
 * @param labels every label, sorted by name (Alertmanager's default text lists them so)
 *
 * <p>Every text field is made {@link VisibleText visible} here, once, so no channel (nor any
 * template) can pass a bidi override or a zero-width character from an alert into a chat.
 */
public record AlertMessage(String alertname, String severity, String summary, String description,
        String service, String category, String instance, String status, Instant time, String requestId,
        String generatorURL, Map<String, String> labels) {

    public AlertMessage {
        alertname = VisibleText.of(alertname);
        severity = VisibleText.of(severity);
        summary = VisibleText.of(summary);
        description = VisibleText.of(description);
        service = VisibleText.of(service);
        category = VisibleText.of(category);
        instance = VisibleText.of(instance);
        status = VisibleText.of(status);
        generatorURL = VisibleText.of(generatorURL);
        labels = visible(labels);
    }

    /** An alert without a source link or labels beyond the named ones. */
    public AlertMessage(String alertname, String severity, String summary, String description, String service,
            String category, String instance, String status, Instant time, String requestId) {
        this(alertname, severity, summary, description, service, category, instance, status, time, requestId, null,
                Map.of());
    }

    private static Map<String, String> visible(Map<String, String> labels) {
        Map<String, String> sorted = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> sorted.put(VisibleText.of(k), VisibleText.of(v == null ? "" : v)));
        }
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
