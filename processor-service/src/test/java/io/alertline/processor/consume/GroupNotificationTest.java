package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.topic.Category;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Alertmanager group is one chat message per target, against real HTTP fakes of Slack,
 * Discord and Telegram on 127.0.0.1 and a real broker: all alerts in it, a custom Slack template
 * applied, "and N more" past a channel's limit, a replay sending nothing, and a failed target
 * retried alone. Each test uses its own alertname and only looks at requests that carry it.
 */
class GroupNotificationTest {

    private static final String PREFIX = "group-notify";
    private static final String TOKEN = "processor-api-token-group-notify";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static FakeChatServer slack;
    static FakeChatServer discord;
    static FakeChatServer telegram;
    static ConfigurableApplicationContext processor;
    static SignedRecords records;
    static Path template;

    @BeforeAll
    static void start() throws Exception {
        slack = FakeChatServer.start();
        discord = FakeChatServer.start();
        telegram = FakeChatServer.start();
        telegram.setDefault(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"result\":{}}");
        template = Files.createTempFile("alertline-slack", ".mustache");
        Files.writeString(template, "CUSTOM {{title}}\n{{#alerts}}* {{alertname}} on {{instance}}: {{summary}}\n"
                + "{{/alerts}}{{#hasMore}}(+{{more}}){{/hasMore}}");
        processor = Apps.processor(PREFIX, Map.of(
                "SLACK_WEBHOOK_URL", slack.url("/services/T000/B000/slack-secret-path"),
                "DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/42/discord-secret-token"),
                "TELEGRAM_BOT_TOKEN", "123456:telegram-test-token-abcdef",
                "TELEGRAM_CHAT_ID", "-1001234",
                "TELEGRAM_API_URL", telegram.url(""),
                "SLACK_TEMPLATE_FILE", template.toString(),
                "PROCESSOR_API_TOKEN", TOKEN,
                "RETRY_MAX_ATTEMPTS", "3",
                "RETRY_INITIAL_BACKOFF", "200ms",
                "NOTIFY_TIMEOUT", "3s"));
        records = new SignedRecords(PREFIX);
    }

    @AfterAll
    static void stop() throws Exception {
        if (processor != null) {
            processor.close();
        }
        records.close();
        slack.close();
        discord.close();
        telegram.close();
        Files.deleteIfExists(template);
    }

    /** An Alertmanager group of {@code n} firing alerts named {@code name}, one per instance. */
    private static String group(String name, int n) {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alerts.add("{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"warning\","
                    + "\"instance\":\"db" + i + ":9100\",\"team\":\"db\"},\"annotations\":{\"summary\":\"disk " + i
                    + " of " + name + " is filling up\"},\"startsAt\":\"2026-11-22T10:00:00Z\",\"generatorURL\":"
                    + "\"http://prometheus.test:9090/graph?g0.expr=disk" + i + "\",\"fingerprint\":\"" + name + i + "\"}");
        }
        return "{\"receiver\":\"team-db\",\"status\":\"firing\",\"alerts\":[" + String.join(",", alerts)
                + "],\"groupLabels\":{\"alertname\":\"" + name + "\"},\"commonLabels\":{\"alertname\":\"" + name
                + "\",\"severity\":\"warning\",\"team\":\"db\"},\"externalURL\":\"http://alertmanager.test:9093\","
                + "\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"" + name + "\\\"}\",\"truncatedAlerts\":0}";
    }

    private static List<FakeChatServer.Recorded> requestsFor(FakeChatServer server, String name) {
        return server.requests().stream().filter(r -> r.body().contains(name)).toList();
    }

    private static List<OutcomeDocument> outcomesOf(String requestId) {
        return TopicReader.outcomes(PREFIX).stream().filter(d -> requestId.equals(d.requestId())).toList();
    }

    /** The latest outcome of each alert of the request, once every one of them has finished. */
    private static List<OutcomeDocument> finished(String requestId, int alerts) {
        Map<String, OutcomeDocument> latest = new java.util.LinkedHashMap<>();
        outcomesOf(requestId).forEach(d -> latest.put(d.key(), d));
        List<OutcomeDocument> done = latest.values().stream().filter(OutcomeDocument::finished).toList();
        return done.size() == alerts ? done : List.of();
    }

    @Test
    void aGroupOfThreeIsOneMessagePerTargetWithAllThreeAndTheLinksBack() {
        String name = "DiskFilling" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = records.send(Category.WARNING, "g1", group(name, 3));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(requestId, 3)).hasSize(3));

        assertThat(requestsFor(slack, name)).hasSize(1);
        assertThat(requestsFor(discord, name)).hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
        for (FakeChatServer server : List.of(slack, discord, telegram)) {
            assertThat(requestsFor(server, name).get(0).body()).contains("db0:9100", "db1:9100", "db2:9100");
        }
        String telegramText = JSON.readTree(requestsFor(telegram, name).get(0).body()).get("text").asString();
        assertThat(telegramText).startsWith("<b>[FIRING:3] " + name + " (warning db)</b>")
                .contains("http://alertmanager.test:9093/#/silences/new?filter=%7Balertname%3D%22" + name + "%22%7D")
                .contains("<a href=\"http://prometheus.test:9090/graph?g0.expr=disk2\">Source</a>");
        for (OutcomeDocument outcome : finished(requestId, 3)) {
            assertThat(outcome.result()).isEqualTo(OutcomeResult.PROCESSED);
            ChannelResult s = outcome.notifications().get("slack");
            assertThat(s.sent()).isTrue();
            assertThat(s.message()).isEqualTo(requestId + "/slack/1");
            assertThat(s.alertsInMessage()).isEqualTo(3);
        }
    }

    @Test
    void theCustomSlackTemplateIsUsedAndTheOtherChannelsKeepTheBuiltInOnes() {
        String name = "Custom" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = records.send(Category.WARNING, "g2", group(name, 2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(requestId, 2)).hasSize(2));

        String slackText = JSON.readTree(requestsFor(slack, name).get(0).body()).get("attachments").get(0)
                .get("text").asString();
        assertThat(slackText).isEqualTo("CUSTOM [FIRING:2] " + name + " (warning db)\n* " + name
                + " on db0:9100: disk 0 of " + name + " is filling up\n* " + name + " on db1:9100: disk 1 of " + name
                + " is filling up");
        assertThat(requestsFor(discord, name).get(0).body()).doesNotContain("CUSTOM");
    }

    @Test
    void twoHundredAlertsAreOneMessagePerTargetWithHowManyMore() {
        String name = "Storm" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = records.send(Category.WARNING, "g3", group(name, 200));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(finished(requestId, 200)).hasSize(200));

        assertThat(requestsFor(slack, name)).hasSize(1);
        assertThat(requestsFor(discord, name)).hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
        String telegramText = JSON.readTree(requestsFor(telegram, name).get(0).body()).get("text").asString();
        assertThat(telegramText.length()).isLessThanOrEqualTo(4096);
        assertThat(telegramText).containsPattern("<i>…and \\d+ more</i>$");
        String discordText = JSON.readTree(requestsFor(discord, name).get(0).body()).get("embeds").get(0)
                .get("description").asString();
        assertThat(discordText.length()).isLessThanOrEqualTo(4096);
        assertThat(discordText).containsPattern("\\*…and \\d+ more\\*$");
    }

    @Test
    void replayingADeliveredRequestSendsNothing() {
        String name = "Replayed" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = records.send(Category.WARNING, "g4", group(name, 3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(requestId, 3)).hasSize(3));

        AdminHttp.Answer answer = AdminHttp.post(Apps.port(processor), "/replay",
                "{\"request_id\":\"" + requestId + "\",\"actor\":\"test\"}", TOKEN);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("count").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outcomesOf(requestId).stream()
                .filter(d -> d.result() == OutcomeResult.DUPLICATE).count()).isGreaterThanOrEqualTo(3));
        assertThat(requestsFor(slack, name)).hasSize(1);
        assertThat(requestsFor(discord, name)).hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
    }

    @Test
    void aTargetThatFailedIsRetriedAloneWithTheAlertsItDoesNotHaveYet() {
        String name = "HalfFailed" + UUID.randomUUID().toString().substring(0, 8);
        discord.enqueue(503, Map.of(), "unavailable");
        String requestId = records.send(Category.WARNING, "g5", group(name, 3));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(finished(requestId, 3)).hasSize(3));

        assertThat(requestsFor(discord, name)).as("the failed target: once failed, once on the retry").hasSize(2);
        assertThat(requestsFor(discord, name).get(1).body()).contains("db0:9100", "db1:9100", "db2:9100");
        assertThat(requestsFor(slack, name)).as("delivered the first time: never again").hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
        for (OutcomeDocument outcome : finished(requestId, 3)) {
            assertThat(outcome.notifications().get("discord").message()).isEqualTo(requestId + "/discord/2");
            assertThat(outcome.notifications().get("discord").attempts()).hasSize(2);
            assertThat(outcome.notifications().get("slack").message()).isEqualTo(requestId + "/slack/1");
        }
    }
}
