package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.boot.RefusedConfigurationException;
import io.alertline.common.topic.Category;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A routes file sends each alert to the targets its labels match (Alertmanager-style matchers,
 * first match wins unless {@code continue}), one message per target with that target's alerts
 * only, a target's own template applied; a broken routes file or template stops start-up with the
 * file, line and reason. Real broker, HTTP fakes of the chat services on 127.0.0.1.
 */
class NotificationRoutingTest {

    private static final String PREFIX = "notify-routing";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static FakeChatServer dbSlack;
    static FakeChatServer pageTelegram;
    static FakeChatServer opsDiscord;
    static ConfigurableApplicationContext processor;
    static SignedRecords records;

    @BeforeAll
    static void start() throws Exception {
        dbSlack = FakeChatServer.start();
        pageTelegram = FakeChatServer.start();
        pageTelegram.setDefault(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"result\":{}}");
        opsDiscord = FakeChatServer.start();
        opsDiscord.setDefault(200, Map.of("Content-Type", "application/json"), "{\"id\":\"1\"}");
        Files.writeString(dir.resolve("db.mustache"), "DB TEAM {{title}}{{#alerts}} | {{alertname}}{{/alerts}}");
        Files.writeString(dir.resolve("routes.yml"), """
                targets:
                  - name: db-slack
                    type: slack
                    url_env: DB_SLACK_URL
                    template: db.mustache
                  - name: page-telegram
                    type: telegram
                    bot_token_env: PAGE_BOT_TOKEN
                    chat_id: "-100123"
                    api_url: %s
                  - name: ops-discord
                    type: discord
                    url_env: OPS_DISCORD_URL
                routes:
                  - matchers: ['team="db"']
                    targets: [db-slack]
                    continue: true
                  - matchers: ['severity=~"critical|page"']
                    targets: [page-telegram]
                  - targets: [ops-discord]
                """.formatted(pageTelegram.url("")));
        processor = Apps.processor(PREFIX, Map.of(
                "NOTIFY_ROUTES_FILE", dir.resolve("routes.yml").toString(),
                "DB_SLACK_URL", dbSlack.url("/services/T000/B000/db-secret"),
                "PAGE_BOT_TOKEN", "123456:page-bot-token-abcdef",
                "OPS_DISCORD_URL", opsDiscord.url("/api/webhooks/7/ops-secret"),
                "SLACK_WEBHOOK_URL", dbSlack.url("/services/T000/B000/never-used")));
        records = new SignedRecords(PREFIX);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        records.close();
        dbSlack.close();
        pageTelegram.close();
        opsDiscord.close();
    }

    private static String alert(String name, String team, String severity) {
        return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + name + "\",\"team\":\"" + team
                + "\",\"severity\":\"" + severity + "\"},\"annotations\":{\"summary\":\"" + name + " summary\"},"
                + "\"startsAt\":\"2026-11-22T10:00:00Z\"}";
    }

    private static List<FakeChatServer.Recorded> requestsFor(FakeChatServer server, String run) {
        return server.requests().stream().filter(r -> r.body().contains(run)).toList();
    }

    @Test
    void eachAlertReachesTheTargetsItsLabelsMatchAndNoOthers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dbCritical = "DbCritical" + run;
        String webWarning = "WebWarning" + run;
        String dbWarning = "DbWarning" + run;
        String requestId = records.send(Category.WARNING, "r1", "{\"alerts\":[" + alert(dbCritical, "db", "critical")
                + "," + alert(webWarning, "web", "warning") + "," + alert(dbWarning, "db", "warning") + "]}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.outcomes(PREFIX).stream()
                .filter(d -> requestId.equals(d.requestId()) && d.finished()).count()).isEqualTo(3));

        // team=db (continue) → db-slack; then severity=~critical|page → page-telegram; else the catch-all
        assertThat(requestsFor(dbSlack, run)).hasSize(1);
        String slackText = JSON.readTree(requestsFor(dbSlack, run).get(0).body()).get("attachments").get(0)
                .get("text").asString();
        assertThat(slackText).startsWith("DB TEAM [FIRING:2]").contains(dbCritical, dbWarning).doesNotContain(webWarning);
        assertThat(requestsFor(dbSlack, run).get(0).path()).endsWith("/db-secret");
        assertThat(requestsFor(pageTelegram, run)).hasSize(1);
        assertThat(requestsFor(pageTelegram, run).get(0).body()).contains(dbCritical).doesNotContain(webWarning, dbWarning);
        assertThat(requestsFor(opsDiscord, run)).hasSize(1);
        assertThat(requestsFor(opsDiscord, run).get(0).body()).contains(webWarning, dbWarning).doesNotContain(dbCritical);

        Map<String, OutcomeDocument> byName = new java.util.HashMap<>();
        TopicReader.outcomes(PREFIX).stream().filter(d -> requestId.equals(d.requestId()))
                .forEach(d -> byName.put(d.alertname(), d));
        assertThat(byName.get(dbCritical).notifications()).containsOnlyKeys("db-slack", "page-telegram");
        assertThat(byName.get(webWarning).notifications()).containsOnlyKeys("ops-discord");
        assertThat(byName.get(dbWarning).notifications()).containsOnlyKeys("db-slack", "ops-discord");
    }

    @Test
    void aBrokenTemplateRefusesStartWithItsFileAndLine() throws Exception {
        Path broken = dir.resolve("broken.mustache");
        Files.writeString(broken, "{{title}}\n{{#alerts}}\n{{alertname}}\n");

        assertThatThrownBy(() -> Apps.processor(PREFIX + "-broken", Map.of("SLACK_TEMPLATE_FILE", broken.toString(),
                "SLACK_WEBHOOK_URL", dbSlack.url("/services/T000/B000/x"))))
                .hasRootCauseInstanceOf(RefusedConfigurationException.class)
                .rootCause().hasMessageContaining(broken.toString()).hasMessageContaining("line");
    }

    @Test
    void aRoutesFileNamingAnUnknownTargetRefusesStart() throws Exception {
        Path routes = dir.resolve("bad-routes.yml");
        Files.writeString(routes, """
                targets:
                  - name: a
                    type: slack
                    url_env: DB_SLACK_URL
                routes:
                  - targets: [b]
                """);

        assertThatThrownBy(() -> Apps.processor(PREFIX + "-bad-routes", Map.of("NOTIFY_ROUTES_FILE", routes.toString(),
                "DB_SLACK_URL", dbSlack.url("/services/T000/B000/db-secret"))))
                .hasRootCauseInstanceOf(RefusedConfigurationException.class)
                .rootCause().hasMessageContaining(routes.toString()).hasMessageContaining("b")
                .hasMessageNotContaining("db-secret");
    }
}
