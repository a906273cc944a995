package io.alertline.processor.notify.discord;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.template.MessageRenderer;
import io.alertline.processor.notify.template.MessageTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A Discord execute-webhook payload: the rendered text as one coloured embed, mentions off. */
final class DiscordMessage {

    /** Discord answers 400 to an embed description over this, losing the whole message. */
    static final int DESCRIPTION_LIMIT = 4096;

    static final int RED = 0xE74C3C;
    static final int ORANGE = 0xF39C12;
    static final int GREEN = 0x2ECC71;
    static final int BLUE = 0x3498DB;

    static final String FOOTER = "alertline";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DiscordMessage() {
    }

    /** {@code custom} (null = the built-in template) with the built-in one to fall back on, fitted to DESCRIPTION_LIMIT. */
    static MessageRenderer renderer(MessageTemplate custom, MessageRenderer.FallbackListener fallbacks) {
        MessageTemplate builtIn = MessageTemplate.builtIn("discord");
        return new MessageRenderer(custom == null ? builtIn : custom, builtIn, DESCRIPTION_LIMIT, fallbacks);
    }

    static String render(GroupMessage group, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("username", "alertline");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("description", text);
        embed.put("color", color(group));
        AlertMessage first = group.alerts().isEmpty() ? null : group.alerts().get(0);
        if (first != null && first.time() != null) {
            embed.put("timestamp", AlertText.time(first.time()));
        }
        embed.putObject("footer").put("text", FOOTER);
        // belt and braces with the template engine's escaping: even a mention that slipped through must not ping
        root.putObject("allowed_mentions").putArray("parse");
        return JSON.writeValueAsString(root);
    }

    static int color(GroupMessage group) {
        return switch (group.level()) {
            case CRITICAL -> RED;
            case WARNING -> ORANGE;
            case OTHER -> BLUE;
            case RESOLVED -> GREEN;
        };
    }
}
