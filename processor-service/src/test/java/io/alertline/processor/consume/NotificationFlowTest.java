package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.topic.Category;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warning alerts against real HTTP fakes of Slack, Discord and Telegram on 127.0.0.1: delivery,
 * Retry-After, retries through the retry topic, dead letters, final errors, poison records.
 * Each test uses its own alertname and only looks at requests that carry it.
 */
class NotificationFlowTest {

    private static final String PREFIX = "notify-flow";
    private static final String TELEGRAM_TOKEN = "123456:telegram-test-token-abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static FakeChatServer slack;
    static FakeChatServer discord;
    static FakeChatServer telegram;
    static ConfigurableApplicationContext processor;
    static SignedRecords records;

    @BeforeAll
    static void start() {
        slack = FakeChatServer.start();
        discord = FakeChatServer.start();
        telegram = FakeChatServer.start();
        telegram.setDefault(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"result\":{}}");
        processor = Apps.processor(PREFIX, Map.of(
                "SLACK_WEBHOOK_URL", slack.url("/services/T000/B000/slack-secret-path"),
                "DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/42/discord-secret-token"),
                "TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN,
                "TELEGRAM_CHAT_ID", "-1001234",
                "TELEGRAM_API_URL", telegram.url(""),
                "RETRY_MAX_ATTEMPTS", "3",
                "NOTIFY_TIMEOUT", "3s"));
        records = new SignedRecords(PREFIX);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        records.close();
        slack.close();
        discord.close();
        telegram.close();
    }

    @AfterEach
    void restoreDefaults() {
        slack.setDefault(200, Map.of(), "ok");
        discord.setDefault(200, Map.of("Content-Type", "application/json"), "{\"id\":\"1\"}");
    }

    private static String warning(String alertname) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\",\"severity\":\"warning\",\"instance\":\"gpu-server\",\"service\":\"openwebui\"},"
                + "\"annotations\":{\"summary\":\"Memory usage above 75% <b>&</b>\",\"description\":\"Used: 24GB/32GB\"},"
                + "\"startsAt\":\"2026-11-22T10:00:00Z\"}],\"groupKey\":\"{}:{alertname=\\\"" + alertname + "\\\"}\"}";
    }

    private static List<FakeChatServer.Recorded> requestsFor(FakeChatServer server, String alertname) {
        return server.requests().stream().filter(r -> r.body().contains(alertname)).toList();
    }

    private static OutcomeDocument outcomeOf(String requestId) {
        return TopicReader.outcomes(PREFIX).stream().filter(d -> requestId.equals(d.requestId()))
                .reduce((a, b) -> b).orElse(null);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String requestId) {
        return TopicReader.readAll(PREFIX + ".warning.dlt").stream()
                .filter(r -> requestId.equals(TopicReader.header(r, AlertlineHeaders.REQUEST_ID))).toList();
    }

    @Test
    void warningReachesEachChannelOnceWithCorrectRequests() {
        String name = "HighMemoryUsage" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = records.send(Category.WARNING, "k1", warning(name));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(requestsFor(slack, name)).hasSize(1);
            assertThat(requestsFor(discord, name)).hasSize(1);
            assertThat(requestsFor(telegram, name)).hasSize(1);
            assertThat(outcomeOf(requestId)).isNotNull();
        });

        FakeChatServer.Recorded s = requestsFor(slack, name).get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.path()).isEqualTo("/services/T000/B000/slack-secret-path");
        assertThat(JSON.readTree(s.body()).get("attachments").get(0).toString())
                .contains("&lt;b&gt;&amp;&lt;/b&gt;").doesNotContain("null");

        FakeChatServer.Recorded d = requestsFor(discord, name).get(0);
        assertThat(d.query()).contains("wait=true");
        JsonNode discordBody = JSON.readTree(d.body());
        assertThat(discordBody.get("allowed_mentions").get("parse").isEmpty()).isTrue();
        assertThat(discordBody.get("embeds").get(0).get("description").asString()).contains("**\\[FIRING:1\\] " + name);

        FakeChatServer.Recorded t = requestsFor(telegram, name).get(0);
        assertThat(t.path()).isEqualTo("/bot" + TELEGRAM_TOKEN + "/sendMessage");
        JsonNode telegramBody = JSON.readTree(t.body());
        assertThat(telegramBody.get("chat_id").asString()).isEqualTo("-1001234");
        assertThat(telegramBody.get("parse_mode").asString()).isEqualTo("HTML");
        assertThat(telegramBody.get("text").asString()).contains("&lt;b&gt;");

        OutcomeDocument outcome = outcomeOf(requestId);
        assertThat(outcome.result()).isEqualTo(OutcomeResult.PROCESSED);
        assertThat(outcome.notifications()).containsOnlyKeys("discord", "slack", "telegram");
        assertThat(outcome.notifications().values()).allSatisfy(c -> {
            assertThat(c.sent()).isTrue();
            assertThat(c.timestamp()).isNotNull();
        });
    }

    @Test
    void retryAfterIsHonouredAndTheMessageArrivesOnce() {
        String name = "RetryAfter" + UUID.randomUUID().toString().substring(0, 8);
        slack.enqueue(429, Map.of("Retry-After", "2"), "rate_limited");
        String requestId = records.send(Category.WARNING, "k2", warning(name));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(requestsFor(slack, name)).hasSize(2);
            OutcomeDocument outcome = outcomeOf(requestId);
            assertThat(outcome).isNotNull();
            assertThat(outcome.result()).isEqualTo(OutcomeResult.PROCESSED);
        });
        assertThat(requestsFor(discord, name)).as("discord already succeeded: never re-sent").hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);

        ChannelResult slackResult = outcomeOf(requestId).notifications().get("slack");
        assertThat(slackResult.sent()).isTrue();
        assertThat(slackResult.attempts()).hasSize(2);
        assertThat(slackResult.attempts().get(0).httpStatus()).isEqualTo(429);
        Duration gap = Duration.between(slackResult.attempts().get(0).at(), slackResult.attempts().get(1).at());
        assertThat(gap).as("waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(deadLetters(requestId)).isEmpty();
    }

    @Test
    void alwaysFailingChannelEndsOnTheDeadLetterTopicAfterTheConfiguredAttempts() {
        String name = "AlwaysFailing" + UUID.randomUUID().toString().substring(0, 8);
        slack.setDefault(500, Map.of(), "internal error");
        String requestId = records.send(Category.WARNING, "k3", warning(name));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(deadLetters(requestId)).hasSize(1));
        ConsumerRecord<String, byte[]> dead = deadLetters(requestId).get(0);
        assertThat(TopicReader.header(dead, AlertlineHeaders.CHANNEL)).isEqualTo("slack");
        assertThat(TopicReader.header(dead, AlertlineHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(TopicReader.header(dead, AlertlineHeaders.REASON)).isEqualTo("channel-failed");
        assertThat(TopicReader.header(dead, AlertlineHeaders.EXCEPTION)).contains("500").doesNotContain("slack-secret-path");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(warning(name));

        assertThat(requestsFor(slack, name)).hasSize(3);
        assertThat(requestsFor(discord, name)).hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(outcomeOf(requestId).result()).isEqualTo(OutcomeResult.DEAD_LETTERED));
    }

    @Test
    void notFoundIsFinalAndDeadLettersAtOnce() {
        String name = "GoneWebhook" + UUID.randomUUID().toString().substring(0, 8);
        discord.enqueue(404, Map.of("Content-Type", "application/json"), "{\"message\":\"Unknown Webhook\",\"code\":10015}");
        String requestId = records.send(Category.WARNING, "k4", warning(name));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters(requestId)).hasSize(1));
        ConsumerRecord<String, byte[]> dead = deadLetters(requestId).get(0);
        assertThat(TopicReader.header(dead, AlertlineHeaders.CHANNEL)).isEqualTo("discord");
        assertThat(TopicReader.header(dead, AlertlineHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(requestsFor(discord, name)).hasSize(1);
        assertThat(requestsFor(slack, name)).hasSize(1);
        assertThat(requestsFor(telegram, name)).hasSize(1);
        assertThat(TopicReader.readAll(PREFIX + ".warning.retry").stream()
                .filter(r -> requestId.equals(TopicReader.header(r, AlertlineHeaders.REQUEST_ID)))).isEmpty();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndNeverBlockThePartition() {
        String forged = "Forged" + UUID.randomUUID().toString().substring(0, 8);
        String garbage = "Garbage" + UUID.randomUUID().toString().substring(0, 8);
        String good = "AfterPoison" + UUID.randomUUID().toString().substring(0, 8);
        byte[] forgedBody = warning(forged).getBytes(StandardCharsets.UTF_8);
        String forgedId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        // signed for another category: a record copied between topics must not verify
        records.send(Category.WARNING, "same-key", forgedBody, forgedId, now,
                records.signer().sign(forgedId, now, "critical", forgedBody));
        String unsignedId = UUID.randomUUID().toString();
        records.send(Category.WARNING, "same-key", forgedBody, unsignedId, now, null);
        String garbageId = records.send(Category.WARNING, "same-key", "{not json " + garbage);
        String goodId = records.send(Category.WARNING, "same-key", warning(good));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(outcomeOf(goodId)).isNotNull();
            assertThat(deadLetters(forgedId)).hasSize(1);
            assertThat(deadLetters(unsignedId)).hasSize(1);
            assertThat(deadLetters(garbageId)).hasSize(1);
        });
        assertThat(TopicReader.header(deadLetters(forgedId).get(0), AlertlineHeaders.REASON))
                .isEqualTo("invalid-record-signature");
        assertThat(TopicReader.header(deadLetters(garbageId).get(0), AlertlineHeaders.REASON)).isEqualTo("unparseable");
        assertThat(requestsFor(slack, forged)).as("a forged record is never acted on").isEmpty();
        assertThat(requestsFor(slack, good)).hasSize(1);
    }
}
