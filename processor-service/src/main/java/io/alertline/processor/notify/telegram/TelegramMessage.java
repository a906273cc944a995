package io.alertline.processor.notify.telegram;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.Truncation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders an alert as a Telegram sendMessage request in HTML parse mode. */
final class TelegramMessage {

    /** Telegram counts after entity parsing; counting the markup too can only err on the safe side. */
    static final int TEXT_LIMIT = 4096;
    // Caps for the one-line values, small enough that the description always keeps room.
    static final int VALUE_LIMIT = 256;
    static final int SUMMARY_LIMIT = 1024;

    static final String FIRE = "🔥";
    static final String WARNING = "⚠️";
    static final String RESOLVED = "✅";
    static final String OTHER = "🔔";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TelegramMessage() {
    }

    static String render(String chatId, AlertMessage m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("chat_id", chatId);
        root.put("text", text(m));
        root.put("parse_mode", "HTML");
        // a URL in a description must not pull a preview card from whatever it points at
        root.put("disable_web_page_preview", true);
        return JSON.writeValueAsString(root);
    }

    static String text(AlertMessage m) {
        StringBuilder head = new StringBuilder();
        head.append(emoji(m)).append(' ').append(line(AlertText.headlineLabel(m), AlertText.orMissing(m.alertname()), VALUE_LIMIT));
        head.append('\n').append(line("Severity", AlertText.orMissing(m.severity()), VALUE_LIMIT));
        head.append('\n').append(line("Status", AlertText.orMissing(m.status()), VALUE_LIMIT));
        head.append('\n').append(line("Service", AlertText.orMissing(m.service()), VALUE_LIMIT));
        head.append('\n').append(line("Category", AlertText.orMissing(m.category()), VALUE_LIMIT));
        head.append('\n').append(line("Instance", AlertText.orMissing(m.instance()), VALUE_LIMIT));
        if (!AlertText.isBlank(m.summary())) {
            head.append('\n').append(line("Summary", m.summary().strip(), SUMMARY_LIMIT));
        }
        StringBuilder tail = new StringBuilder();
        String time = AlertText.time(m.time());
        if (time != null) {
            tail.append('\n').append(line(AlertText.timeLabel(m), time, VALUE_LIMIT));
        }
        if (AlertText.isBlank(m.description())) {
            return head.append(tail).toString();
        }
        // the description is the only open-ended part, so it gets whatever the limit leaves
        String label = "\n" + label("Description");
        int room = TEXT_LIMIT - head.length() - tail.length() - label.length();
        return head + label + escape(m.description().strip(), room) + tail;
    }

    private static String line(String name, String value, int limit) {
        return label(name) + escape(value, limit);
    }

    private static String label(String name) {
        return "<b>" + name + ":</b> ";
    }

    static String emoji(AlertMessage m) {
        if (AlertText.resolved(m)) {
            return RESOLVED;
        }
        if (AlertText.critical(m)) {
            return FIRE;
        }
        return AlertText.warning(m) ? WARNING : OTHER;
    }

    /** Telegram's HTML mode rejects the whole message on a stray '<' or '&'. */
    static String escape(String raw, int limit) {
        return Truncation.escapeAndFit(raw, limit, cp -> switch (cp) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            default -> Character.toString(cp);
        });
    }
}
