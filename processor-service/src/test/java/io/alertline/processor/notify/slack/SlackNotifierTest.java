package io.alertline.processor.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.notify.TestAlerts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SlackNotifierTest {

    static final String PATH = "/services/T0ALERTLN/B0ALERTLN/sl4ckW3bh00kS3cretPart000";

    FakeChatServer server;
    SlackNotifier slack;

    @BeforeEach
    void start() {
        server = FakeChatServer.start();
        slack = new SlackNotifier(server.url(PATH), TestAlerts.http(), TestAlerts.TIMEOUT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    JsonNode sendAndParse(AlertMessage message) {
        Delivery delivery = slack.send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    static List<String> texts(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).stringValue()));
        return out;
    }

    @Test
    void postsOneAttachmentWithEveryField() {
        JsonNode body = sendAndParse(TestAlerts.warning());

        assertThat(server.requests().get(0).path()).isEqualTo(PATH);
        assertThat(body.get("text").stringValue()).isEqualTo("Alert: HighMemoryUsage — Memory usage above 75%");
        assertThat(body.get("attachments")).hasSize(1);
        JsonNode a = body.get("attachments").get(0);
        assertThat(a.get("color").stringValue()).isEqualTo("warning");
        assertThat(a.get("title").stringValue()).isEqualTo("Alert: HighMemoryUsage");
        assertThat(a.get("text").stringValue()).isEqualTo("Memory usage above 75%\nUsed: 24GB/32GB");
        assertThat(texts(a.get("fields"), "title")).containsExactly("Service", "Category", "Instance", "Severity", "Status");
        assertThat(texts(a.get("fields"), "value")).containsExactly("ollama", "resources", "gpu-server", "warning", "firing");
        a.get("fields").forEach(f -> assertThat(f.get("short").booleanValue()).isTrue());
        assertThat(a.get("footer").stringValue()).isEqualTo("alertline");
        assertThat(a.get("ts").longValue()).isEqualTo(TestAlerts.STARTS_AT.getEpochSecond());
    }

    @Test
    void resolvedAlertSaysResolvedInGreen() {
        JsonNode a = sendAndParse(TestAlerts.resolved()).get("attachments").get(0);

        assertThat(a.get("title").stringValue()).isEqualTo("Resolved: HighMemoryUsage");
        assertThat(a.get("color").stringValue()).isEqualTo("good");
        assertThat(a.get("ts").longValue()).isEqualTo(TestAlerts.STARTS_AT.plusSeconds(600).getEpochSecond());
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,danger", "CRITICAL,firing,danger", "warning,firing,warning", "info,firing,#439FE0",
            "critical,resolved,good", ",firing,#439FE0"})
    void colourFollowsSeverityAndStatus(String severity, String status, String colour) {
        AlertMessage m = new AlertMessage("A", severity, null, null, null, null, null, status, null, null);

        assertThat(SlackMessage.color(m)).isEqualTo(colour);
    }

    @Test
    void userTextIsEscapedForMrkdwn() {
        JsonNode body = sendAndParse(TestAlerts.withText("<script>alert('x')</script> & <!channel>", "a > b & c < d"));
        JsonNode a = body.get("attachments").get(0);

        assertThat(a.get("text").stringValue()).isEqualTo(
                "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;!channel&gt;\na &gt; b &amp; c &lt; d");
        assertThat(body.get("text").stringValue()).contains("&lt;script&gt;").doesNotContain("<");
    }

    @Test
    void longTextIsCutAtTheSectionLimitWithoutBreakingAnEntity() {
        JsonNode a = sendAndParse(TestAlerts.withText(null, "&".repeat(5000))).get("attachments").get(0);
        String text = a.get("text").stringValue();

        assertThat(text).hasSizeLessThanOrEqualTo(3000).endsWith("&amp;…");
        assertThat(text.replace("&amp;", "")).isEqualTo("…");
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        JsonNode body = sendAndParse(TestAlerts.bare());
        String raw = server.requests().get(0).body();
        JsonNode a = body.get("attachments").get(0);

        assertThat(raw).doesNotContainIgnoringCase("null");
        assertThat(body.get("text").stringValue()).isEqualTo("Alert: Bare");
        assertThat(a.get("text").stringValue()).isEqualTo("n/a");
        assertThat(texts(a.get("fields"), "value")).containsExactly("n/a", "n/a", "n/a", "n/a", "firing");
        assertThat(a.has("ts")).isFalse();
        assertThat(a.get("color").stringValue()).isEqualTo("#439FE0");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void blankUrlMeansNotConfigured(String url) {
        assertThat(new SlackNotifier(url, TestAlerts.http(), TestAlerts.TIMEOUT).configured()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/services/T/B/sl4ck secret", "ftp://hooks.slack.com/services/T/B/sl4cksecret",
            "hooks.slack.com/services/T/B/sl4cksecret"})
    void malformedUrlIsRejectedWithoutQuotingIt(String url) {
        assertThatThrownBy(() -> new SlackNotifier(url, TestAlerts.http(), TestAlerts.TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack")
                .hasMessageNotContaining("sl4ck")
                .hasMessageNotContaining("services");
    }
}
