package io.alertline.processor.notify.telegram;

import io.alertline.processor.notify.template.MessageRenderer;
import io.alertline.processor.notify.template.MessageTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A Telegram sendMessage request in HTML parse mode around the rendered text. */
final class TelegramMessage {

    /** Telegram counts after entity parsing; counting the markup too can only err on the safe side. */
    static final int TEXT_LIMIT = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TelegramMessage() {
    }

    /** {@code custom} (null = the built-in template) with the built-in one to fall back on, fitted to TEXT_LIMIT. */
    static MessageRenderer renderer(MessageTemplate custom, MessageRenderer.FallbackListener fallbacks) {
        MessageTemplate builtIn = MessageTemplate.builtIn("telegram");
        return new MessageRenderer(custom == null ? builtIn : custom, builtIn, TEXT_LIMIT, fallbacks);
    }

    static String render(String chatId, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("chat_id", chatId);
        root.put("text", text);
        root.put("parse_mode", "HTML");
        // a URL in a description must not pull a preview card from whatever it points at
        root.put("disable_web_page_preview", true);
        return JSON.writeValueAsString(root);
    }
}
