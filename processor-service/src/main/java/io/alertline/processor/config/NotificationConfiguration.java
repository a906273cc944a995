package io.alertline.processor.config;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.alertline.processor.consume.ProcessorMetrics;
import io.alertline.processor.notify.NotificationTargets;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.notify.discord.DiscordNotifier;
import io.alertline.processor.notify.slack.SlackNotifier;
import io.alertline.processor.notify.telegram.TelegramNotifier;
import io.alertline.processor.notify.template.LoggedFallbacks;
import io.alertline.processor.notify.template.MessageRenderer;
import io.alertline.processor.notify.template.MessageTemplate;

/**
 * The notification targets: from {@code NOTIFY_ROUTES_FILE} when set, else the seed's
 * {@code DISCORD_WEBHOOK_URL}, {@code SLACK_WEBHOOK_URL} and {@code TELEGRAM_*} as one catch-all
 * route. Templates are compiled here, at start-up, so a broken one stops the service.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

    @Bean
    NotificationTargets notificationTargets(ProcessorProperties properties, ProcessorMetrics metrics, Clock clock) {
        ProcessorProperties.Notify n = properties.notifications();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        List<Notifier> notifiers = List.of(
                new DiscordNotifier("discord", n.discordWebhookUrl(), template(n.discordTemplate(), "discord"),
                        fallbacks(metrics, "discord", clock), http, n.timeout()),
                new SlackNotifier("slack", n.slackWebhookUrl(), template(n.slackTemplate(), "slack"),
                        fallbacks(metrics, "slack", clock), http, n.timeout()),
                new TelegramNotifier("telegram", n.telegramApiUrl(), n.telegramBotToken(), n.telegramChatId(),
                        template(n.telegramTemplate(), "telegram"), fallbacks(metrics, "telegram", clock), http,
                        n.timeout()));
        List<String> all = notifiers.stream().map(Notifier::target).toList();
        return new NotificationTargets(notifiers, labels -> all);
    }

    private static MessageTemplate template(String file, String channel) {
        return file == null || file.isBlank() ? null : MessageTemplate.file(Path.of(file.strip()), channel);
    }

    private static MessageRenderer.FallbackListener fallbacks(ProcessorMetrics metrics, String channel, Clock clock) {
        return new LoggedFallbacks(channel, () -> metrics.templateFallback(channel), clock);
    }
}
