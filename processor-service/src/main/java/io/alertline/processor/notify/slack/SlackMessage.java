package io.alertline.processor.notify.slack;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.Truncation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders an alert as a Slack incoming-webhook payload: a fallback line plus one attachment. */
final class SlackMessage {

    /** Slack rejects or cuts section text beyond this. */
    static final int TEXT_LIMIT = 3000;
    static final String INFO_BLUE = "#439FE0";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {
    }

    static String render(AlertMessage m) {
        ObjectNode root = JSON.createObjectNode();
        // the top-level text is what phone notifications and screen readers show
        String summary = AlertText.isBlank(m.summary()) ? "" : " — " + m.summary().strip();
        root.put("text", escape(AlertText.headline(m) + summary));

        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", color(m));
        attachment.put("title", escape(AlertText.headline(m)));
        attachment.put("text", escape(body(m)));
        ArrayNode fields = attachment.putArray("fields");
        field(fields, "Service", m.service());
        field(fields, "Category", m.category());
        field(fields, "Instance", m.instance());
        field(fields, "Severity", m.severity());
        field(fields, "Status", m.status());
        attachment.put("footer", "alertline");
        if (m.time() != null) {
            // Slack renders ts in the reader's own time zone
            attachment.put("ts", m.time().getEpochSecond());
        }
        return JSON.writeValueAsString(root);
    }

    private static String body(AlertMessage m) {
        List<String> lines = new ArrayList<>();
        if (!AlertText.isBlank(m.summary())) {
            lines.add(m.summary().strip());
        }
        if (!AlertText.isBlank(m.description())) {
            lines.add(m.description().strip());
        }
        return lines.isEmpty() ? AlertText.MISSING : String.join("\n", lines);
    }

    private static void field(ArrayNode fields, String title, String value) {
        fields.addObject()
                .put("title", title)
                .put("value", escape(AlertText.orMissing(value)))
                .put("short", true);
    }

    static String color(AlertMessage m) {
        if (AlertText.resolved(m)) {
            return "good";
        }
        if (AlertText.critical(m)) {
            return "danger";
        }
        return AlertText.warning(m) ? "warning" : INFO_BLUE;
    }

    /** Slack's mrkdwn reads {@code <…>} as links and mentions (<!channel>), so user text must not carry them. */
    static String escape(String raw) {
        return Truncation.escapeAndFit(raw, TEXT_LIMIT, cp -> switch (cp) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            default -> Character.toString(cp);
        });
    }
}
