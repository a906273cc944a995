package io.alertline.processor.notify.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.FakeChatServer;
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

    JsonNode sendAndParse(AlertMessage message) {
        Delivery delivery = notifier().send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    String text(AlertMessage message) {
        return sendAndParse(message).get("text").stringValue();
    }

    /** Telegram rejects the message unless every tag is ours and every '&' starts an entity. */
    static void assertValidHtml(String text) {
        assertThat(text.replace("<b>", "").replace("</b>", "")).doesNotContain("<", ">");
        assertThat(text.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
        assertThat(text.split("<b>", -1).length).isEqualTo(text.split("</b>", -1).length);
    }

    @Test
    void postsToTheBotPathWithHtmlText() {
        JsonNode body = sendAndParse(TestAlerts.warning());
        FakeChatServer.Recorded request = server.requests().get(0);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(body.get("chat_id").stringValue()).isEqualTo(CHAT);
        assertThat(body.get("parse_mode").stringValue()).isEqualTo("HTML");
        assertThat(body.get("disable_web_page_preview").booleanValue()).isTrue();
        assertThat(body.get("text").stringValue()).isEqualTo("""
                ⚠️ <b>Alert:</b> HighMemoryUsage
                <b>Severity:</b> warning
                <b>Status:</b> firing
                <b>Service:</b> ollama
                <b>Category:</b> resources
                <b>Instance:</b> gpu-server
                <b>Summary:</b> Memory usage above 75%
                <b>Description:</b> Used: 24GB/32GB
                <b>Started:</b> 2025-11-29T10:00:00Z""");
    }

    @Test
    void resolvedAlertSaysResolved() {
        String text = text(TestAlerts.resolved());

        assertThat(text).startsWith("✅ <b>Resolved:</b> HighMemoryUsage\n").endsWith("<b>Ended:</b> 2025-11-29T10:10:00Z");
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,🔥", "CRITICAL,firing,🔥", "warning,firing,⚠️", "critical,resolved,✅",
            "info,firing,🔔", ",firing,🔔"})
    void emojiFollowsSeverityAndStatus(String severity, String status, String emoji) {
        AlertMessage m = new AlertMessage("A", severity, null, null, null, null, null, status, null, null);

        assertThat(TelegramMessage.emoji(m)).isEqualTo(emoji);
        assertThat(TelegramMessage.text(m)).startsWith(emoji + " <b>");
    }

    @Test
    void userTextIsHtmlEscaped() {
        AlertMessage m = new AlertMessage("<b>x</b>", "warning", "<script>alert(1)</script> & co",
                "a < b && c > d &amp;", "svc", "cat", "inst", "firing", TestAlerts.STARTS_AT, null);

        String text = text(m);

        assertThat(text).contains("<b>Alert:</b> &lt;b&gt;x&lt;/b&gt;\n")
                .contains("<b>Summary:</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; co\n")
                .contains("<b>Description:</b> a &lt; b &amp;&amp; c &gt; d &amp;amp;\n")
                .doesNotContain("<script>");
        assertValidHtml(text);
    }

    @Test
    void longTextFitsTheLimitWithoutCuttingAnEntityAndKeepsTheTime() {
        String huge = "<&>".repeat(4000);
        AlertMessage m = new AlertMessage(huge, "critical", huge, huge, huge, huge, huge, "firing",
                TestAlerts.STARTS_AT, null);

        String text = text(m);

        assertThat(text).hasSizeLessThanOrEqualTo(4096).endsWith("\n<b>Started:</b> 2025-11-29T10:00:00Z")
                .contains("…\n<b>Description:</b> ").contains("…\n<b>Started:</b>");
        assertValidHtml(text);
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        String text = text(TestAlerts.bare());
        String raw = server.requests().get(0).body();

        assertThat(raw).doesNotContainIgnoringCase("null");
        assertThat(text).isEqualTo("""
                🔔 <b>Alert:</b> Bare
                <b>Severity:</b> n/a
                <b>Status:</b> firing
                <b>Service:</b> n/a
                <b>Category:</b> n/a
                <b>Instance:</b> n/a""");
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
                .send(TestAlerts.warning());

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
