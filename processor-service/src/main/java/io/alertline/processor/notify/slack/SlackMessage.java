package io.alertline.processor.notify.slack;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.Truncation;
import io.alertline.processor.notify.template.ChannelEscaper;
import io.alertline.processor.notify.template.MessageRenderer;
import io.alertline.processor.notify.template.MessageTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A Slack incoming-webhook payload: the group's title as the notification line, the rendered text in one coloured attachment. */
final class SlackMessage {

    /** Slack rejects or cuts section text beyond this. */
    static final int TEXT_LIMIT = 3000;
    static final String INFO_BLUE = "#439FE0";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {
    }

    /** {@code custom} (null = the built-in template) with the built-in one to fall back on, fitted to TEXT_LIMIT. */
    static MessageRenderer renderer(MessageTemplate custom, MessageRenderer.FallbackListener fallbacks) {
        MessageTemplate builtIn = MessageTemplate.builtIn("slack");
        return new MessageRenderer(custom == null ? builtIn : custom, builtIn, TEXT_LIMIT, fallbacks);
    }

    static String render(GroupMessage group, String text) {
        ObjectNode root = JSON.createObjectNode();
        // the top-level text is what phone notifications and screen readers show
        root.put("text", Truncation.fit(ChannelEscaper.SLACK.escape(group.title()), TEXT_LIMIT));
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", color(group));
        attachment.put("text", text);
        attachment.putArray("mrkdwn_in").add("text");
        attachment.put("footer", "alertline");
        AlertMessage first = group.alerts().isEmpty() ? null : group.alerts().get(0);
        if (first != null && first.time() != null) {
            // Slack renders ts in the reader's own time zone
            attachment.put("ts", first.time().getEpochSecond());
        }
        return JSON.writeValueAsString(root);
    }

    /** Danger while a critical alert fires, warning for a firing warning, good once all resolved. */
    static String color(GroupMessage group) {
        return switch (group.level()) {
            case CRITICAL -> "danger";
            case WARNING -> "warning";
            case OTHER -> INFO_BLUE;
            case RESOLVED -> "good";
        };
    }
}
