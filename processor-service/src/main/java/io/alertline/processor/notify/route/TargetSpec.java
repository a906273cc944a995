package io.alertline.processor.notify.route;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One named place notifications go to: a Slack or Discord webhook, or a Telegram chat.
 *
 * <p>{@code url} (Slack/Discord webhook) and {@code botToken} (Telegram) are credentials: a
 * webhook URL alone lets anyone post to the channel. {@link #toString()} therefore only says
 * whether they are set. A null url/token means "not configured" (the seed-compatible default
 * targets are built even when their environment variables are empty).
 *
 * @param url      Slack or Discord webhook URL; null for Telegram
 * @param botToken Telegram bot token; null for Slack and Discord
 * @param chatId   Telegram chat id; null for Slack and Discord
 * @param apiUrl   Telegram Bot API base, e.g. {@code https://api.telegram.org}; null for Slack and Discord
 * @param template absolute path of this target's message template; null for the channel's default
 */
public record TargetSpec(String name, ChannelType type, String url, String botToken, String chatId,
        String apiUrl, Path template) {

    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static TargetSpec webhook(String name, ChannelType type, String url, Path template) {
        return new TargetSpec(name, type, url, null, null, null, template);
    }

    public static TargetSpec telegram(String name, String botToken, String chatId, String apiUrl, Path template) {
        return new TargetSpec(name, ChannelType.TELEGRAM, null, botToken, chatId, apiUrl, template);
    }

    @Override
    public String toString() {
        return "TargetSpec[name=" + name + ", type=" + type.id()
                + ", url=" + secretState(url) + ", botToken=" + secretState(botToken)
                + ", chatId=" + chatId + ", apiUrl=" + apiUrl + ", template=" + template + "]";
    }

    private static String secretState(String secret) {
        if (secret == null) {
            return "null";
        }
        return secret.isBlank() ? "<blank>" : "<redacted>";
    }
}
