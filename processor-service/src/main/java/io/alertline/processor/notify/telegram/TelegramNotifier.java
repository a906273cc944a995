package io.alertline.processor.notify.telegram;

import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.JsonPost;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.notify.SecretRedactor;
import io.alertline.processor.notify.WebhookUrl;
import io.alertline.processor.notify.template.MessageRenderer;
import io.alertline.processor.notify.template.MessageTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Telegram Bot API sendMessage to one chat. */
public final class TelegramNotifier implements Notifier {

    public static final String DEFAULT_API_BASE_URL = "https://api.telegram.org";
    // Tokens look like "123456789:AAH…"; anything that could leave the path segment would let
    // configuration rewrite the request URL.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9:_-]+");

    private final String target;
    private final MessageRenderer renderer;
    private final URI url;
    private final String chatId;
    private final HttpClient http;
    private final Duration timeout;
    private final SecretRedactor redactor;

    /**
     * @param apiBaseUrl e.g. https://api.telegram.org (null or blank = that), overridable for a
     *     self-hosted Bot API server and for tests
     * @param botToken null or blank = not configured
     * @param chatId null or blank = not configured
     */
    public TelegramNotifier(String apiBaseUrl, String botToken, String chatId, HttpClient http, Duration timeout) {
        this("telegram", apiBaseUrl, botToken, chatId, null, (source, error) -> { }, http, timeout);
    }

    /** A named target; {@code template} null = the built-in template. */
    public TelegramNotifier(String target, String apiBaseUrl, String botToken, String chatId, MessageTemplate template,
            MessageRenderer.FallbackListener fallbacks, HttpClient http, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.renderer = TelegramMessage.renderer(template, fallbacks);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = JsonPost.requirePositive(timeout);
        if (AlertText.isBlank(botToken) || AlertText.isBlank(chatId)) {
            this.url = null;
            this.chatId = null;
            this.redactor = new SecretRedactor(AlertText.isBlank(botToken) ? List.of() : List.of(botToken.strip()));
            return;
        }
        String token = botToken.strip();
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("telegram: bot token has characters a token never has");
        }
        URI base = WebhookUrl.parse(channel(), AlertText.isBlank(apiBaseUrl) ? DEFAULT_API_BASE_URL : apiBaseUrl);
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.url = URI.create(b + "/bot" + token + "/sendMessage");
        this.chatId = chatId.strip();
        this.redactor = new SecretRedactor(List.of(token, url.toString()));
    }

    @Override
    public String channel() {
        return "telegram";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public boolean configured() {
        return url != null;
    }

    @Override
    public Delivery send(GroupMessage message) {
        return JsonPost.renderAndSend(channel(), url, () -> TelegramMessage.render(chatId, renderer.render(message)),
                http, timeout, redactor);
    }
}
