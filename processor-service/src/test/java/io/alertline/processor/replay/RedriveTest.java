package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.topic.Category;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Cli;
import io.alertline.processor.support.Http;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel that is down dead-letters the record; after it recovers, a re-drive over the HTTP
 * API delivers the message once, and channels that had succeeded are not contacted again. The
 * re-driven dead letter then leaves the listings and later re-drives, and the audit says who.
 */
class RedriveTest {

    private static final String PREFIX = "redrive";
    private static final String TOKEN = "processor-api-token-0123456789";

    static FakeChatServer slack;
    static FakeChatServer discord;
    static ConfigurableApplicationContext processor;

    @BeforeAll
    static void start() {
        slack = FakeChatServer.start();
        discord = FakeChatServer.start();
        processor = Apps.processor(PREFIX, Map.of(
                "SLACK_WEBHOOK_URL", slack.url("/services/T1/B1/redrive-secret"),
                "DISCORD_WEBHOOK_URL", discord.url("/api/webhooks/1/redrive-secret"),
                "RETRY_MAX_ATTEMPTS", "2",
                "PROCESSOR_API_TOKEN", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        slack.close();
        discord.close();
    }

    private static List<FakeChatServer.Recorded> slackFor(String name) {
        return slack.requests().stream().filter(r -> r.body().contains(name)).toList();
    }

    @Test
    void deadLetterIsRedrivenAfterTheChannelRecoversAndDeliveredOnce() throws Exception {
        String name = "DiskFilling";
        slack.setDefault(503, Map.of(), "down for maintenance");
        String requestId;
        try (SignedRecords records = new SignedRecords(PREFIX)) {
            requestId = records.send(Category.WARNING, "disk", "{\"alerts\":[{\"status\":\"firing\",\"labels\":{"
                    + "\"alertname\":\"" + name + "\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"disk 91%\"},"
                    + "\"startsAt\":\"2026-11-22T10:00:00Z\"}]}");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli.Result listed = Cli.run(PREFIX, Map.of(), "dead-letters", "list", "--category", "warning", "--json");
            assertThat(listed.exitCode()).isZero();
            assertThat(listed.json().get("count").asInt()).isEqualTo(1);
            JsonNode record = listed.json().get("records").get(0);
            assertThat(record.get("request_id").asString()).isEqualTo(requestId);
            assertThat(record.get("reason").asString()).isEqualTo("channel-failed");
            assertThat(record.get("channel").asString()).isEqualTo("slack");
            assertThat(record.get("attempts").asString()).isEqualTo("2");
            assertThat(record.get("exception").asString()).contains("503").doesNotContain("redrive-secret");
        });
        assertThat(slackFor(name)).hasSize(2);
        assertThat(discord.requests().stream().filter(r -> r.body().contains(name))).hasSize(1);

        slack.setDefault(200, Map.of(), "ok");
        JsonNode report = post(Apps.port(processor), "/dead-letters/redrive",
                "{\"category\":\"warning\",\"request_id\":\"" + requestId + "\",\"actor\":\"bob\"}");
        assertThat(report.get("count").asInt()).isEqualTo(1);
        assertThat(report.get("mode").asString()).isEqualTo("redrive");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            OutcomeDocument latest = TopicReader.outcomes(PREFIX).stream()
                    .filter(d -> requestId.equals(d.requestId()) && report.get("id").asString().equals(d.replayId()))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(latest.result()).isEqualTo(OutcomeResult.PROCESSED);
            assertThat(latest.notifications().get("slack").sent()).isTrue();
        });
        assertThat(slackFor(name)).as("one more request, delivered").hasSize(3);
        assertThat(discord.requests().stream().filter(r -> r.body().contains(name)))
                .as("discord had succeeded: never re-sent").hasSize(1);

        JsonNode audit = Http.get(Apps.port(processor), "/audit?limit=5", TOKEN).body();
        assertThat(audit.get("entries").get(0).get("operation").asString()).isEqualTo("redrive");
        assertThat(audit.get("entries").get(0).get("actor").asString())
                .as("the caller's claim, and the token it authenticated with by its fingerprint (never the token)")
                .isEqualTo("bob via api token " + sha256Prefix(TOKEN));
        assertThat(audit.get("entries").get(0).get("records").get(0).get("request_id").asString()).isEqualTo(requestId);

        // Re-driven and processed: the dead letter is no longer listed, by the CLI or the API ...
        Cli.Result listed = Cli.run(PREFIX, Map.of(), "dead-letters", "list", "--category", "warning", "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.json().get("count").asInt()).isZero();
        assertThat(listed.json().get("redriven_excluded").asInt()).isEqualTo(1);
        assertThat(Http.get(Apps.port(processor), "/dead-letters?category=warning", TOKEN).body().get("count").asInt())
                .isZero();
        // ... except when asked for, and then it says which re-drive sent it back
        JsonNode shown = Http.get(Apps.port(processor), "/dead-letters?category=warning&include_redriven=true", TOKEN)
                .body();
        assertThat(shown.get("count").asInt()).isEqualTo(1);
        assertThat(shown.get("records").get(0).get("redriven_by").asString()).isEqualTo(report.get("id").asString());

        // A re-drive by reason does not send the fixed record again.
        Cli.Result again = Cli.run(PREFIX, Map.of(), "dead-letters", "redrive", "--category", "warning", "--reason",
                "channel-failed", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.json().get("count").asInt()).isZero();
        assertThat(again.json().get("redriven_excluded").asInt()).isEqualTo(1);
        assertThat(again.json().get("audited").asBoolean()).isFalse();
        assertThat(slackFor(name)).as("nothing re-sent").hasSize(3);

        // Without --actor (and without $USER) the CLI names the operating system's user, not "unknown".
        Cli.Result replay = Cli.run(PREFIX, Map.of(), "replay", "--category", "warning", "--request-id", requestId,
                "--json");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.json().get("actor").asString()).isEqualTo(System.getProperty("user.name"));

        assertThat(Http.get(Apps.port(processor), "/dead-letters?category=warning", null).status()).isEqualTo(401);
        assertThat(Http.get(Apps.port(processor), "/dead-letters?category=nuclear", TOKEN).status()).isEqualTo(400);
    }

    private static String sha256Prefix(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)), 0, 4);
    }

    private static JsonNode post(int port, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
