package io.alertline.processor.notify.slack;

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

/** Slack incoming webhook: one POST of a JSON attachment per group. */
public final class SlackNotifier implements Notifier {

    private final String target;
    private final URI url;
    private final MessageRenderer renderer;
    private final HttpClient http;
    private final Duration timeout;
    private final SecretRedactor redactor;

    /** The default target "slack" with the built-in template; {@code webhookUrl} null or blank = not configured. */
    public SlackNotifier(String webhookUrl, HttpClient http, Duration timeout) {
        this("slack", webhookUrl, null, (source, error) -> { }, http, timeout);
    }

    /** @param template null = the built-in template */
    public SlackNotifier(String target, String webhookUrl, MessageTemplate template,
            MessageRenderer.FallbackListener fallbacks, HttpClient http, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.url = WebhookUrl.parse(channel(), webhookUrl);
        this.renderer = SlackMessage.renderer(template, fallbacks);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = JsonPost.requirePositive(timeout);
        // the whole webhook URL is the credential
        this.redactor = new SecretRedactor(url == null ? List.of() : List.of(webhookUrl.strip(), url.toString()));
    }

    @Override
    public String channel() {
        return "slack";
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
        return JsonPost.renderAndSend(channel(), url, () -> SlackMessage.render(message, renderer.render(message)),
                http, timeout, redactor);
    }
}
