package io.alertline.processor.notify;

import java.time.Instant;

/**
 * What to say; any field except alertname and status may be null, and formatters must then leave
 * the field out or show a fallback such as "n/a" — never the text "null".
 *
 * @param status "firing" or "resolved"
 * @param time startsAt for firing, endsAt or now for resolved
 * @param requestId for correlating logs; not shown in chat
 *
 * <p>Every text field is made {@link VisibleText visible} here, once, so no channel (nor any
 * template) can pass a bidi override or a zero-width character from an alert into a chat.
 */
public record AlertMessage(String alertname, String severity, String summary, String description,
        String service, String category, String instance, String status, Instant time, String requestId) {

    public AlertMessage {
        alertname = VisibleText.of(alertname);
        severity = VisibleText.of(severity);
        summary = VisibleText.of(summary);
        description = VisibleText.of(description);
        service = VisibleText.of(service);
        category = VisibleText.of(category);
        instance = VisibleText.of(instance);
        status = VisibleText.of(status);
    }
}
