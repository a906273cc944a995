package io.alertline.processor.notify.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.notify.TestAlerts;
import java.util.ArrayList;
import java.util.List;
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

    JsonNode sendAndParse(String url, AlertMessage message) {
        Delivery delivery = new DiscordNotifier(url, TestAlerts.http(), TestAlerts.TIMEOUT).send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    JsonNode embed(AlertMessage message) {
        return sendAndParse(server.url(PATH), message).get("embeds").get(0);
    }

    static List<String> texts(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).stringValue()));
        return out;
    }

    static int embedLength(JsonNode e) {
        int total = e.path("title").stringValue("").length() + e.path("description").stringValue("").length()
                + e.path("footer").path("text").stringValue("").length();
        for (JsonNode f : e.get("fields")) {
            total += f.get("name").stringValue().length() + f.get("value").stringValue().length();
        }
        return total;
    }

    @Test
    void postsOneEmbedWithWaitTrueAndNoMentions() {
        JsonNode body = sendAndParse(server.url(PATH), TestAlerts.warning());
        FakeChatServer.Recorded request = server.requests().get(0);

        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.query()).isEqualTo("wait=true");
        assertThat(body.get("username").stringValue()).isEqualTo("alertline");
        assertThat(body.get("allowed_mentions").get("parse").isArray()).isTrue();
        assertThat(body.get("allowed_mentions").get("parse")).isEmpty();
        assertThat(body.get("embeds")).hasSize(1);
        JsonNode e = body.get("embeds").get(0);
        assertThat(e.get("title").stringValue()).isEqualTo("Alert: HighMemoryUsage");
        assertThat(e.get("description").stringValue()).isEqualTo("Memory usage above 75%\nUsed: 24GB/32GB");
        assertThat(e.get("color").intValue()).isEqualTo(0xF39C12);
        assertThat(texts(e.get("fields"), "name")).containsExactly("Service", "Category", "Instance", "Severity", "Status");
        assertThat(texts(e.get("fields"), "value")).containsExactly("ollama", "resources", "gpu-server", "warning", "firing");
        e.get("fields").forEach(f -> assertThat(f.get("inline").booleanValue()).isTrue());
        assertThat(e.get("timestamp").stringValue()).isEqualTo("2025-11-29T10:00:00Z");
        assertThat(e.get("footer").get("text").stringValue()).isEqualTo("alertline");
    }

    @Test
    void existingQueryIsKeptAndWaitForcedTrue() {
        sendAndParse(server.url(PATH + "?wait=false&thread_id=42"), TestAlerts.warning());

        assertThat(server.requests().get(0).query()).isEqualTo("thread_id=42&wait=true");
    }

    @Test
    void resolvedAlertSaysResolvedInGreen() {
        JsonNode e = embed(TestAlerts.resolved());

        assertThat(e.get("title").stringValue()).isEqualTo("Resolved: HighMemoryUsage");
        assertThat(e.get("color").intValue()).isEqualTo(0x2ECC71);
        assertThat(e.get("timestamp").stringValue()).isEqualTo("2025-11-29T10:10:00Z");
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,15158332", "Critical,firing,15158332", "warning,firing,15965202",
            "info,firing,3447003", "critical,resolved,3066993", ",firing,3447003"})
    void colourFollowsSeverityAndStatus(String severity, String status, int colour) {
        AlertMessage m = new AlertMessage("A", severity, null, null, null, null, null, status, null, null);

        assertThat(DiscordMessage.color(m)).isEqualTo(colour);
    }

    @Test
    void mentionsAreNeutralised() {
        JsonNode e = embed(TestAlerts.withText("@everyone look", "@here <@123456789> <@!42> <@&987> mail@example.com"));
        String description = e.get("description").stringValue();

        assertThat(description).isEqualTo("@" + ZWSP + "everyone look\n@" + ZWSP + "here <@" + ZWSP + "123456789> <@"
                + ZWSP + "!42> <@" + ZWSP + "&987> mail@" + ZWSP + "example.com");
        assertThat(description).doesNotContainPattern("@(everyone|here|[!&]?\\d)");
    }

    @Test
    void markdownInUserTextIsEscaped() {
        JsonNode e = embed(TestAlerts.withText("*bold* _it_ ~~gone~~ `code` ||spoiler|| [click](http://x) C:\\tmp",
                "> quoted\n  > indented quote\nnot > a quote\n# heading\n- item\nx-y #3"));

        assertThat(e.get("description").stringValue()).isEqualTo(
                "\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[click](http://x) C:\\\\tmp\n"
                        + "\\> quoted\n  \\> indented quote\nnot > a quote\n\\# heading\n\\- item\nx-y #3");
    }

    @Test
    void titleAndFieldsAreEscapedToo() {
        AlertMessage m = new AlertMessage("Disk_*Full*", "warning", null, null, "@everyone", "a|b", "`x`", "firing",
                null, null);

        JsonNode e = embed(m);

        assertThat(e.get("title").stringValue()).isEqualTo("Alert: Disk\\_\\*Full\\*");
        assertThat(texts(e.get("fields"), "value")).containsExactly("@" + ZWSP + "everyone", "a\\|b", "\\`x\\`",
                "warning", "firing");
    }

    @Test
    void everyPartStaysWithinDiscordLimits() {
        String huge = "x".repeat(3000);
        AlertMessage m = new AlertMessage("A".repeat(1000), huge, huge, "d".repeat(10_000), huge, huge, huge,
                "firing", TestAlerts.STARTS_AT, null);

        JsonNode e = embed(m);

        assertThat(e.get("title").stringValue()).hasSize(256).endsWith("…");
        assertThat(e.get("description").stringValue()).hasSizeLessThanOrEqualTo(4096).endsWith("…");
        e.get("fields").forEach(f -> assertThat(f.get("value").stringValue()).hasSizeLessThanOrEqualTo(1024));
        assertThat(embedLength(e)).isLessThanOrEqualTo(6000);
    }

    @Test
    void longDescriptionAloneGetsTheFullDescriptionLimit() {
        JsonNode e = embed(TestAlerts.withText(null, "d".repeat(10_000)));

        assertThat(e.get("description").stringValue()).hasSize(4096).endsWith("…");
    }

    @Test
    void cutsNeverSplitAnEscapeOrASurrogatePair() {
        String escapes = embed(TestAlerts.withText(null, "*".repeat(5000))).get("description").stringValue();
        assertThat(escapes).hasSizeLessThanOrEqualTo(4096).matches("(\\\\\\*)+…");

        String emoji = DiscordMessage.escape("😀".repeat(3000), 4096);
        assertThat(emoji).hasSizeLessThanOrEqualTo(4096).endsWith("…");
        for (int i = 0; i < emoji.length(); i++) {
            if (Character.isHighSurrogate(emoji.charAt(i))) {
                assertThat(Character.isLowSurrogate(emoji.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(emoji.charAt(i))).isFalse();
            }
        }
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        JsonNode e = embed(TestAlerts.bare());
        String raw = server.requests().get(0).body();

        assertThat(raw).doesNotContainIgnoringCase("null");
        assertThat(e.get("title").stringValue()).isEqualTo("Alert: Bare");
        assertThat(e.has("description")).isFalse();
        assertThat(e.has("timestamp")).isFalse();
        assertThat(texts(e.get("fields"), "value")).containsExactly("n/a", "n/a", "n/a", "n/a", "firing");
        assertThat(e.get("color").intValue()).isEqualTo(0x3498DB);
    }

    @Test
    void blankUrlMeansNotConfigured() {
        assertThat(new DiscordNotifier(null, TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new DiscordNotifier("", TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new DiscordNotifier(server.url(PATH), TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isTrue();
    }
}
