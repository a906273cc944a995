package io.alertline.processor.notify.slack;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.JsonPost;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.notify.SecretRedactor;
import io.alertline.processor.notify.WebhookUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Slack incoming webhook: one POST of a JSON attachment per alert. */
public final class SlackNotifier implements Notifier {

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final SecretRedactor redactor;

    /** @param webhookUrl null or blank = not configured */
    public SlackNotifier(String webhookUrl, HttpClient http, Duration timeout) {
        this.url = WebhookUrl.parse(channel(), webhookUrl);
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
    public boolean configured() {
        return url != null;
    }

    @Override
    public Delivery send(AlertMessage message) {
        return JsonPost.renderAndSend(channel(), url, () -> SlackMessage.render(message), http, timeout, redactor);
    }
}
