package io.alertline.processor.notify.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.TestAlerts;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class DiscordNotifierTest {

    static final String PATH = "/api/webhooks/112233445566778899/d1sc0rdW3bh00kT0ken-abcdefghijklmnopqrstuvwxyz_0123";
    static final String ZWSP = "\u200B";

    FakeChatServer server;

    @BeforeEach
    void start() {
        server = FakeChatServer.start();
        // what Discord answers with wait=true: the created message
        server.setDefault(200, Map.of("Content-Type", "application/json"), "{\"id\":\"1\",\"type\":0}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode sendAndParse(String url, GroupMessage message) {
        Delivery delivery = new DiscordNotifier(url, TestAlerts.http(), TestAlerts.TIMEOUT).send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    JsonNode embed(GroupMessage message) {
        return sendAndParse(server.url(PATH), message).get("embeds").get(0);
    }

    String description(AlertMessage alert) {
        return embed(GroupMessage.single(alert)).get("description").stringValue();
    }

    @Test
    void postsOneEmbedWithWaitTrueNoMentionsAndTheLinksBack() {
        JsonNode body = sendAndParse(server.url(PATH), TestAlerts.group(TestAlerts.warning(), TestAlerts.resolved()));
        FakeChatServer.Recorded request = server.requests().get(0);

        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.query()).isEqualTo("wait=true");
        assertThat(body.get("username").stringValue()).isEqualTo("alertline");
        assertThat(body.get("allowed_mentions").get("parse").isArray()).isTrue();
        assertThat(body.get("allowed_mentions").get("parse")).isEmpty();
        assertThat(body.get("embeds")).hasSize(1);
        JsonNode e = body.get("embeds").get(0);
        assertThat(e.get("color").intValue()).isEqualTo(0xF39C12);
        assertThat(e.get("timestamp").stringValue()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(e.get("footer").get("text").stringValue()).isEqualTo("alertline");
        assertThat(e.get("description").stringValue())
                .startsWith("**\\[FIRING:1, RESOLVED:1\\] HighMemoryUsage (db)**")
                .contains("[Alertmanager](http://alertmanager.test:9093/#/alerts?receiver=team\\-db)".replace("\\-", "-"))
                .contains("[Silence](http://alertmanager.test:9093/#/silences/new?filter=")
                .contains("**Alert: HighMemoryUsage** — Memory usage above 75%", "**Resolved: HighMemoryUsage**",
                        "Service: ollama · Category: resources · Instance: gpu\\-server");
    }

    @Test
    void existingQueryIsKeptAndWaitForcedTrue() {
        sendAndParse(server.url(PATH + "?wait=false&thread_id=42"), GroupMessage.single(TestAlerts.warning()));

        assertThat(server.requests().get(0).query()).isEqualTo("thread_id=42&wait=true");
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,15158332", "warning,firing,15965202", "info,firing,3447003",
            "critical,resolved,3066993"})
    void colourFollowsSeverityAndStatus(String severity, String status, int colour) {
        AlertMessage m = new AlertMessage("A", severity, null, null, null, null, null, status, null, null);

        assertThat(DiscordMessage.color(GroupMessage.single(m))).isEqualTo(colour);
    }

    @Test
    void mentionsAreNeutralised() {
        String description = description(TestAlerts.withText("@everyone look",
                "@here <@123456789> <@!42> <@&987> mail@example.com"));

        assertThat(description).contains("@" + ZWSP + "everyone look", "@" + ZWSP + "here", "mail@" + ZWSP + "example.com");
        assertThat(description).doesNotContainPattern("@(everyone|here|[!&]?\\d)");
    }

    @Test
    void markdownInUserTextIsEscaped() {
        String description = description(TestAlerts.withText(
                "*bold* _it_ ~~gone~~ `code` ||spoiler|| [click](http://x) C:\\tmp", "> quoted\n# heading\n- item"));

        assertThat(description).contains(
                "\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[click\\](http://x) C:\\\\tmp",
                "\\> quoted\n\\# heading\n\\- item");
    }

    @Test
    void twoHundredAlertsAreOneEmbedWithinDiscordsLimitsEndingWithHowManyMore() {
        JsonNode e = embed(TestAlerts.storm(200));
        String description = e.get("description").stringValue();

        assertThat(description.length()).isLessThanOrEqualTo(DiscordMessage.DESCRIPTION_LIMIT);
        int shown = description.split("\\*\\*Alert: DiskFilling\\*\\*", -1).length - 1;
        assertThat(shown).isBetween(1, 199);
        assertThat(description).endsWith("*…and " + (200 - shown) + " more*");
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        JsonNode e = embed(GroupMessage.single(TestAlerts.bare()));
        String raw = server.requests().get(0).body();

        assertThat(raw).doesNotContainIgnoringCase("null");
        assertThat(e.get("description").stringValue()).contains("Service: n/a · Category: n/a");
        assertThat(e.has("timestamp")).isFalse();
        assertThat(e.get("color").intValue()).isEqualTo(0x3498DB);
    }

    @Test
    void blankUrlMeansNotConfigured() {
        assertThat(new DiscordNotifier(null, TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new DiscordNotifier("", TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new DiscordNotifier(server.url(PATH), TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isTrue();
    }
}
