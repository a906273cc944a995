package io.alertline.processor.notify.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class TelegramNotifierTest {

    static final String TOKEN = "123456789:AAHt3l3gr4mB0tT0kenS3cret_abcdefghij";
    static final String CHAT = "-1001234567890";

    FakeChatServer server;

    @BeforeEach
    void start() {
        server = FakeChatServer.start();
        server.setDefault(200, Map.of("Content-Type", "application/json"), "{\"ok\":true,\"result\":{\"message_id\":1}}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    TelegramNotifier notifier() {
        return new TelegramNotifier(server.url(""), TOKEN, CHAT, TestAlerts.http(), TestAlerts.TIMEOUT);
    }

    JsonNode sendAndParse(GroupMessage message) {
        Delivery delivery = notifier().send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    String text(GroupMessage message) {
        return sendAndParse(message).get("text").stringValue();
    }

    /** Telegram rejects the message unless every tag is ours and every '&' starts an entity. */
    static void assertValidHtml(String text) {
        String tagless = text.replaceAll("</?(b|i)>", "").replaceAll("<a href=\"[^\"<>]*\">", "").replace("</a>", "");
        assertThat(tagless).doesNotContain("<", ">");
        assertThat(text.replaceAll("&(amp|lt|gt|quot);", "")).doesNotContain("&");
        assertThat(text.split("<b>", -1).length).isEqualTo(text.split("</b>", -1).length);
        assertThat(text.split("<a ", -1).length).isEqualTo(text.split("</a>", -1).length);
    }

    @Test
    void postsToTheBotPathWithHtmlTextAndTheLinksBack() {
        JsonNode body = sendAndParse(TestAlerts.group(TestAlerts.warning(), TestAlerts.critical()));

        assertThat(server.requests().get(0).path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(body.get("chat_id").stringValue()).isEqualTo(CHAT);
        assertThat(body.get("parse_mode").stringValue()).isEqualTo("HTML");
        assertThat(body.get("disable_web_page_preview").booleanValue()).isTrue();
        String text = body.get("text").stringValue();
        assertValidHtml(text);
        assertThat(text).startsWith("<b>[FIRING:2] HighMemoryUsage (db)</b>")
                .contains("<a href=\"http://alertmanager.test:9093/#/alerts?receiver=team-db\">Alertmanager</a>")
                .contains("⚠️ <b>Alert: HighMemoryUsage</b>", "🔥 <b>Alert: OllamaServiceDown</b>",
                        "<b>Summary:</b> Memory usage above 75%", "<b>Started:</b> 2025-11-29T10:00:00Z");
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,🔥", "warning,firing,⚠️", "info,firing,🔔", "critical,resolved,✅"})
    void emojiFollowsSeverityAndStatus(String severity, String status, String emoji) {
        String text = text(GroupMessage.single(
                new AlertMessage("A", severity, null, null, null, null, null, status, null, null)));

        assertThat(text).contains("\n" + emoji + " <b>");
    }

    @Test
    void userTextIsHtmlEscaped() {
        String text = text(GroupMessage.single(TestAlerts.withText("<b>bold</b> & <a href=\"x\">", "1 < 2 > 0")));

        assertValidHtml(text);
        assertThat(text).contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;", "1 &lt; 2 &gt; 0");
    }

    @Test
    void twoHundredAlertsAreOneMessageWithinTheLimitEndingWithHowManyMore() {
        String text = text(TestAlerts.storm(200));

        assertValidHtml(text);
        assertThat(text.length()).isLessThanOrEqualTo(TelegramMessage.TEXT_LIMIT);
        int shown = text.split("<b>Alert: DiskFilling</b>", -1).length - 1;
        assertThat(shown).isBetween(1, 199);
        assertThat(text).endsWith("<i>…and " + (200 - shown) + " more</i>");
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        String text = text(GroupMessage.single(TestAlerts.bare()));

        assertThat(server.requests().get(0).body()).doesNotContainIgnoringCase("null");
        assertThat(text).contains("<b>Service:</b> n/a").doesNotContain("Summary", "Description", "Started");
    }

    @Test
    void configuredOnlyWithTokenAndChat() {
        assertThat(new TelegramNotifier(null, null, CHAT, TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new TelegramNotifier(null, TOKEN, " ", TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new TelegramNotifier(null, "", "", TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
        assertThat(new TelegramNotifier(null, TOKEN, CHAT, TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isTrue();
    }

    @Test
    void trailingSlashOnTheBaseUrlIsTolerated() {
        Delivery d = new TelegramNotifier(server.url("/"), TOKEN, CHAT, TestAlerts.http(), TestAlerts.TIMEOUT)
                .send(GroupMessage.single(TestAlerts.warning()));

        assertThat(d.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests().get(0).path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    }

    @Test
    void tokenThatCouldRewriteTheUrlIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> new TelegramNotifier(null, "123:S3cretPart/../x?y", CHAT, TestAlerts.http(),
                TestAlerts.TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("S3cretPart");
    }
}
