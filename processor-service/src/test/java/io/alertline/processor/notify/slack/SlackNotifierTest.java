package io.alertline.processor.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.FakeChatServer;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.TestAlerts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SlackNotifierTest {

    static final String PATH = "/services/T000/B000/XXXXXXXX";

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

    JsonNode sendAndParse(GroupMessage message) {
        Delivery delivery = slack.send(message);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.DELIVERED);
        assertThat(server.requests()).hasSize(1);
        return TestAlerts.json(server.requests().get(0).body());
    }

    @Test
    void postsOneAttachmentWithTheGroupTitleEveryFieldAndTheLinksBack() {
        JsonNode body = sendAndParse(TestAlerts.group(TestAlerts.warning(), TestAlerts.critical()));

        assertThat(server.requests().get(0).path()).isEqualTo(PATH);
        assertThat(body.get("text").stringValue()).isEqualTo("[FIRING:2] HighMemoryUsage (db)");
        assertThat(body.get("attachments")).hasSize(1);
        JsonNode a = body.get("attachments").get(0);
        assertThat(a.get("color").stringValue()).isEqualTo("danger");
        assertThat(a.get("footer").stringValue()).isEqualTo("alertline");
        assertThat(a.get("ts").longValue()).isEqualTo(TestAlerts.STARTS_AT.getEpochSecond());
        String text = a.get("text").stringValue();
        assertThat(text).startsWith("*[FIRING:2] HighMemoryUsage (db)*")
                .contains("<http://alertmanager.test:9093/#/alerts?receiver=team-db|Alertmanager>")
                .contains("<http://alertmanager.test:9093/#/silences/new?filter=%7Balertname%3D%22HighMemoryUsage%22%7D|Silence>")
                .contains("*Alert: HighMemoryUsage* — Memory usage above 75%", "Used: 24GB/32GB",
                        "Service: ollama · Category: resources · Instance: gpu-server · Severity: warning · Status: firing"
                                + " · Started: 2025-11-29T10:00:00Z",
                        "*Alert: OllamaServiceDown* — Ollama service is down");
    }

    @Test
    void aResolvedGroupSaysResolvedInGreenAndAMixedOneSaysBoth() {
        JsonNode resolved = sendAndParse(GroupMessage.single(TestAlerts.resolved()));
        assertThat(resolved.get("text").stringValue()).isEqualTo("[RESOLVED] HighMemoryUsage");
        assertThat(resolved.get("attachments").get(0).get("color").stringValue()).isEqualTo("good");

        GroupMessage mixed = TestAlerts.group(TestAlerts.warning(), TestAlerts.resolved());
        assertThat(SlackMessage.color(mixed)).isEqualTo("warning");
        assertThat(mixed.title()).isEqualTo("[FIRING:1, RESOLVED:1] HighMemoryUsage (db)");
    }

    @ParameterizedTest
    @CsvSource({"critical,firing,danger", "CRITICAL,firing,danger", "warning,firing,warning", "info,firing,#439FE0",
            "critical,resolved,good", ",firing,#439FE0"})
    void colourFollowsSeverityAndStatus(String severity, String status, String colour) {
        AlertMessage m = new AlertMessage("A", severity, null, null, null, null, null, status, null, null);

        assertThat(SlackMessage.color(GroupMessage.single(m))).isEqualTo(colour);
    }

    @Test
    void userTextIsEscapedForMrkdwn() {
        JsonNode body = sendAndParse(GroupMessage.single(
                TestAlerts.withText("<script>alert('x')</script> & <!channel>", "a > b & c < d")));
        String text = body.get("attachments").get(0).get("text").stringValue();

        assertThat(text).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;!channel&gt;",
                "a &gt; b &amp; c &lt; d").doesNotContain("<!channel>", "<script>");
    }

    @Test
    void twoHundredAlertsAreOneMessageWithinTheLimitEndingWithHowManyMore() {
        JsonNode body = sendAndParse(TestAlerts.storm(200));
        String text = body.get("attachments").get(0).get("text").stringValue();

        assertThat(server.requests()).hasSize(1);
        assertThat(text.length()).isLessThanOrEqualTo(SlackMessage.TEXT_LIMIT);
        int shown = text.split("\\*Alert: DiskFilling\\*", -1).length - 1;
        assertThat(shown).isBetween(1, 199);
        assertThat(text).endsWith("_…and " + (200 - shown) + " more_");
        assertThat(body.get("text").stringValue()).isEqualTo("[FIRING:200] DiskFilling (db)");
    }

    @Test
    void missingFieldsShowFallbacksNeverNull() {
        JsonNode body = sendAndParse(GroupMessage.single(TestAlerts.bare()));
        String raw = server.requests().get(0).body();
        JsonNode a = body.get("attachments").get(0);

        assertThat(raw).doesNotContainIgnoringCase("null");
        assertThat(body.get("text").stringValue()).isEqualTo("[FIRING:1] Bare");
        assertThat(a.get("text").stringValue()).contains("Service: n/a · Category: n/a · Instance: n/a · Severity: n/a");
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
