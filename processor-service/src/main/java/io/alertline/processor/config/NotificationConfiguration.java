package io.alertline.processor.config;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.alertline.processor.consume.ProcessorMetrics;
import io.alertline.processor.notify.NotificationTargets;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.notify.discord.DiscordNotifier;
import io.alertline.processor.notify.route.ChannelType;
import io.alertline.processor.notify.route.NotificationRoutes;
import io.alertline.processor.notify.route.TargetSpec;
import io.alertline.processor.notify.slack.SlackNotifier;
import io.alertline.processor.notify.telegram.TelegramNotifier;
import io.alertline.processor.notify.template.LoggedFallbacks;
import io.alertline.processor.notify.template.MessageTemplate;

/**
 * The notification targets: from {@code NOTIFY_ROUTES_FILE} when set, else the seed's
 * {@code DISCORD_WEBHOOK_URL}, {@code SLACK_WEBHOOK_URL} and {@code TELEGRAM_*} as one catch-all
 * route to targets named after their channel. Routes and templates are read and compiled here, at
 * start-up, so a broken one stops the service with the file, line and reason.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    NotificationRoutes notificationRoutes(ProcessorProperties properties, Environment environment) {
        ProcessorProperties.Notify n = properties.notifications();
        if (n.routesFile() == null || n.routesFile().isBlank()) {
            return NotificationRoutes.defaults(List.of(
                    TargetSpec.webhook("discord", ChannelType.DISCORD, n.discordWebhookUrl(), path(n.discordTemplate())),
                    TargetSpec.webhook("slack", ChannelType.SLACK, n.slackWebhookUrl(), path(n.slackTemplate())),
                    TargetSpec.telegram("telegram", n.telegramBotToken(), n.telegramChatId(), n.telegramApiUrl(),
                            path(n.telegramTemplate()))));
        }
        // the variables a routes file names are read like every other setting (environment, or a test's properties)
        NotificationRoutes routes = NotificationRoutes.load(Path.of(n.routesFile().strip()), environment::getProperty,
                n.telegramApiUrl());
        routes.warnings().forEach(w -> log.warn("notification routes: {}", w));
        return routes;
    }

    @Bean
    NotificationTargets notificationTargets(NotificationRoutes routes, ProcessorProperties properties,
            ProcessorMetrics metrics) {
        ProcessorProperties.Notify n = properties.notifications();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        List<Notifier> notifiers = new ArrayList<>();
        for (TargetSpec t : routes.targets()) {
            String channel = t.type().id();
            // a target without its own template uses its channel's template setting, then the built-in one
            Path templateFile = t.template() != null ? t.template() : path(channelTemplate(n, t.type()));
            MessageTemplate template = templateFile == null ? null : MessageTemplate.file(templateFile, channel);
            LoggedFallbacks fallbacks = new LoggedFallbacks(channel, () -> metrics.templateFallback(channel));
            notifiers.add(switch (t.type()) {
                case SLACK -> new SlackNotifier(t.name(), t.url(), template, fallbacks, http, n.timeout());
                case DISCORD -> new DiscordNotifier(t.name(), t.url(), template, fallbacks, http, n.timeout());
                case TELEGRAM -> new TelegramNotifier(t.name(), t.apiUrl(), t.botToken(), t.chatId(), template,
                        fallbacks, http, n.timeout());
            });
        }
        return new NotificationTargets(notifiers, routes::targetsFor);
    }

    private static String channelTemplate(ProcessorProperties.Notify n, ChannelType type) {
        return switch (type) {
            case SLACK -> n.slackTemplate();
            case DISCORD -> n.discordTemplate();
            case TELEGRAM -> n.telegramTemplate();
        };
    }

    private static Path path(String file) {
        return file == null || file.isBlank() ? null : Path.of(file.strip());
    }
}
