package io.alertline.processor.notify.discord;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Discord execute-webhook: one POST with one embed per group. */
public final class DiscordNotifier implements Notifier {

    private final String target;
    private final URI url;
    private final MessageRenderer renderer;
    private final HttpClient http;
    private final Duration timeout;
    private final SecretRedactor redactor;

    /** The default target "discord" with the built-in template. */
    public DiscordNotifier(String webhookUrl, HttpClient http, Duration timeout) {
        this("discord", webhookUrl, null, (source, error) -> { }, http, timeout);
    }

    /**
     * @param webhookUrl {@code https://discord.com/api/webhooks/{id}/{token}}; null or blank = not configured
     * @param template null = the built-in template
     */
    public DiscordNotifier(String target, String webhookUrl, MessageTemplate template,
            MessageRenderer.FallbackListener fallbacks, HttpClient http, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.renderer = DiscordMessage.renderer(template, fallbacks);
        URI configured = WebhookUrl.parse(channel(), webhookUrl);
        this.url = configured == null ? null : withWait(configured);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = JsonPost.requirePositive(timeout);
        this.redactor = new SecretRedactor(configured == null ? List.of()
                : List.of(webhookUrl.strip(), configured.toString(), url.toString()));
    }

    @Override
    public String channel() {
        return "discord";
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
        return JsonPost.renderAndSend(channel(), url, () -> DiscordMessage.render(message, renderer.render(message)),
                http, timeout, redactor);
    }

    /**
     * {@code wait=true} makes Discord answer 200 only after the message exists (and report errors
     * it would otherwise swallow); other parameters such as {@code thread_id} are kept as given.
     */
    static URI withWait(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int q = s.indexOf('?');
        String base = q < 0 ? s : s.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String p : s.substring(q + 1).split("&")) {
                if (!p.isEmpty() && !p.equals("wait") && !p.startsWith("wait=")) {
                    params.add(p);
                }
            }
        }
        params.add("wait=true");
        return URI.create(base + "?" + String.join("&", params));
    }
}
