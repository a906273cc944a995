package io.alertline.processor.notify.discord;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.Truncation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders an alert as a Discord execute-webhook payload with one embed. */
final class DiscordMessage {

    // Discord answers 400 to an embed over any of these, losing the whole message.
    static final int TITLE_LIMIT = 256;
    static final int DESCRIPTION_LIMIT = 4096;
    static final int FIELD_VALUE_LIMIT = 1024;
    static final int EMBED_TOTAL_LIMIT = 6000;

    static final int RED = 0xE74C3C;
    static final int ORANGE = 0xF39C12;
    static final int GREEN = 0x2ECC71;
    static final int BLUE = 0x3498DB;

    static final String FOOTER = "alertline";
    /** After '@' it breaks @everyone, @here and <@id> for Discord's parser but is invisible to readers. */
    static final String ZERO_WIDTH_SPACE = "\u200B";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DiscordMessage() {
    }

    static String render(AlertMessage m) {
        String title = escape(AlertText.headline(m), TITLE_LIMIT);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Service", escape(AlertText.orMissing(m.service()), FIELD_VALUE_LIMIT));
        fields.put("Category", escape(AlertText.orMissing(m.category()), FIELD_VALUE_LIMIT));
        fields.put("Instance", escape(AlertText.orMissing(m.instance()), FIELD_VALUE_LIMIT));
        fields.put("Severity", escape(AlertText.orMissing(m.severity()), FIELD_VALUE_LIMIT));
        fields.put("Status", escape(AlertText.orMissing(m.status()), FIELD_VALUE_LIMIT));

        // the description is the only open-ended part, so it gets whatever the 6,000 total leaves
        int used = title.length() + FOOTER.length();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            used += f.getKey().length() + f.getValue().length();
        }
        String description = escape(body(m), Math.min(DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT - used));

        ObjectNode root = JSON.createObjectNode();
        root.put("username", "alertline");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", title);
        if (!description.isEmpty()) {
            embed.put("description", description);
        }
        embed.put("color", color(m));
        ArrayNode fieldArray = embed.putArray("fields");
        fields.forEach((name, value) -> fieldArray.addObject().put("name", name).put("value", value).put("inline", true));
        if (m.time() != null) {
            embed.put("timestamp", AlertText.time(m.time()));
        }
        embed.putObject("footer").put("text", FOOTER);
        // belt and braces with the escaping below: even a mention that slipped through must not ping
        root.putObject("allowed_mentions").putArray("parse");
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
        return String.join("\n", lines);
    }

    static int color(AlertMessage m) {
        if (AlertText.resolved(m)) {
            return GREEN;
        }
        if (AlertText.critical(m)) {
            return RED;
        }
        return AlertText.warning(m) ? ORANGE : BLUE;
    }

    /**
     * Alert text is data, not markup: backslash-escapes the characters that would change its
     * meaning (emphasis, code, spoilers, masked links; quotes, headings and lists only at a line
     * start, where they act) and defuses mentions. Each escape is one atom, so a cut never
     * separates a backslash from its character.
     */
    static String escape(String raw, int limit) {
        List<String> atoms = new ArrayList<>(raw.length());
        boolean lineStart = true;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            String c = Character.toString(cp);
            atoms.add(switch (cp) {
                case '\\', '*', '_', '~', '`', '|', '[' -> "\\" + c;
                case '@' -> "@" + ZERO_WIDTH_SPACE;
                case '>', '#', '-' -> lineStart ? "\\" + c : c;
                default -> c;
            });
            if (cp == '\n') {
                lineStart = true;
            } else if (cp != ' ' && cp != '\t') {
                lineStart = false;
            }
        }
        return Truncation.fitAtoms(atoms, limit);
    }
}
