package io.alertline.common.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.alertline.common.testing.AlertmanagerFixtures;
import tools.jackson.databind.json.JsonMapper;

class PayloadParserTest {

    private final PayloadParser parser = new PayloadParser();

    private WebhookPayload parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static java.util.List<String> fixtures() {
        return AlertmanagerFixtures.bodies();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parsesEveryCapturedAlertmanagerBody(String fixture) {
        WebhookPayload payload = parser.parse(AlertmanagerFixtures.read(fixture));
        assertThat(payload.version()).isEqualTo("4");
        assertThat(payload.groupKey()).startsWith("{}/{category=");
        assertThat(payload.alerts()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.alertname()).isNotBlank();
            assertThat(a.status()).isIn("firing", "resolved");
            assertThat(a.fingerprint()).hasSize(16);
        });
    }

    @Test
    void keepsPerAlertStatusOfMixedGroupAndTruncation() {
        WebhookPayload p = parser.parse(AlertmanagerFixtures.read("am025-mixed-truncated-database.json"));
        assertThat(p.alerts()).extracting(Alert::status).containsExactly("resolved", "firing");
        assertThat(p.truncatedAlerts()).isEqualTo(3);
        assertThat(p.alerts().get(1).isFiring()).isTrue();
        assertThat(p.alerts().get(0).isFiring()).isFalse();
    }

    @Test
    void acceptsSeedStyleBodyWithoutOptionalFields() {
        WebhookPayload p = parse("""
                {"alerts":[{"status":"firing","labels":{"alertname":"OllamaServiceDown","severity":"critical","service":"ollama"},
                "annotations":{"summary":"Ollama service is down","recovery":"auto"}}]}""");
        Alert a = p.alerts().get(0);
        assertThat(a.alertname()).isEqualTo("OllamaServiceDown");
        assertThat(a.annotation("recovery")).isEqualTo("auto");
        assertThat(a.startsAt()).isNull();
        assertThat(p.groupKey()).isNull();
    }

    @Test
    void acceptsGrafanaV1ShapeWithExtraFields() {
        WebhookPayload p = parse("""
                {"receiver":"r","status":"firing","orgId":1,"title":"[FIRING:1]","state":"alerting","message":"m",
                 "alerts":[{"status":"firing","labels":{"alertname":"HighLatency","grafana_folder":"ops"},
                  "annotations":{},"startsAt":"2026-11-22T10:00:00Z","values":{"A":1.5,"B":0},
                  "dashboardURL":"http://g/d","panelURL":"","silenceURL":"http://g/s","fingerprint":"abc"}],
                 "version":"1","groupKey":"{}:{alertname=\\"HighLatency\\"}","truncatedAlerts":0}""");
        assertThat(p.version()).isEqualTo("1");
        assertThat(p.alerts().get(0).labels()).containsEntry("grafana_folder", "ops");
    }

    @Test
    void unknownLabelsSeveritiesAndScalarValuesPassThrough() {
        WebhookPayload p = parse("""
                {"alerts":[{"labels":{"alertname":"X","severity":"apocalyptic","weird-label":"ü","port":8080,"on":true,"gone":null},
                 "annotations":{"n":1.5},"extra":{"nested":[1,2]}}],"whatever":[1]}""");
        Alert a = p.alerts().get(0);
        assertThat(a.labels()).containsEntry("severity", "apocalyptic").containsEntry("port", "8080")
                .containsEntry("on", "true").doesNotContainKey("gone");
        assertThat(a.annotations()).containsEntry("n", "1.5");
        assertThat(a.status()).as("missing status defaults to firing").isEqualTo("firing");
    }

    @Test
    void alertWithoutStatusInheritsGroupStatus() {
        WebhookPayload p = parse("{\"status\":\"resolved\",\"alerts\":[{\"labels\":{\"alertname\":\"X\"}}]}");
        assertThat(p.alerts().get(0).status()).isEqualTo("resolved");
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                   | alerts                   | Field required",
            "{\"alerts\":null}                                    | alerts                   | Field required",
            "{\"alerts\":{}}                                      | alerts                   | Must be an array",
            "{\"alerts\":[]}                                      | alerts                   | Must contain at least one alert",
            "{\"alerts\":[1]}                                     | alerts[0]                | Must be an object",
            "{\"alerts\":[{}]}                                    | alerts[0].labels         | Field required",
            "{\"alerts\":[{\"labels\":\"x\"}]}                    | alerts[0].labels         | Must be an object",
            "{\"alerts\":[{\"labels\":{}}]}                       | alerts[0].labels.alertname | Field required",
            "{\"alerts\":[{\"labels\":{\"alertname\":\" \"}}]}    | alerts[0].labels.alertname | Field required",
            "{\"alerts\":[{\"labels\":{\"alertname\":[1]}}]}      | alerts[0].labels.alertname | Must be a string",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":\"exploded\"}]} | alerts[0].status | Must be 'firing' or 'resolved'",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":1}]} | alerts[0].status | Must be a string",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":[]}]} | alerts[0].annotations | Must be an object",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"startsAt\":5}]} | alerts[0].startsAt | Must be a string",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"groupKey\":{}} | groupKey | Must be a string",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"truncatedAlerts\":-1} | truncatedAlerts | Must be a non-negative integer",
            "[]                                                   | body                     | Must be a JSON object",
            "\"text\"                                             | body                     | Must be a JSON object",
    })
    void rejectsWhatCannotBeProcessed(String json, String field, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(PayloadValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void rejectsMalformedJsonWithoutLeakingAnException() {
        assertThatThrownBy(() -> parse("{\"alerts\": [")).isInstanceOfSatisfying(PayloadValidationException.class,
                e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.getMessage()).startsWith("Invalid JSON");
                });
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(PayloadValidationException.class);
    }

    @Test
    void rejectsAbsurdSizes() {
        PayloadParser small = new PayloadParser(JsonMapper.builder().build(), new PayloadLimits(2, 10));
        String three = "{\"alerts\":[" + "{\"labels\":{\"alertname\":\"A\"}},".repeat(2) + "{\"labels\":{\"alertname\":\"A\"}}]}";
        assertThatThrownBy(() -> small.parse(three.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Too many alerts: 3 (limit 2)");
        assertThatThrownBy(() -> small.parse("{\"alerts\":[{\"labels\":{\"alertname\":\"ABCDEFGHIJK\"}}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PayloadValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("alerts[0].labels.alertname"));
    }

    private static final String SERVICE_JSON = "{\"alerts\":[{\"labels\":{\"alertname\":\"Down\",\"service\":\"ollama\"}}]}";

    private void assertRefusedAsNotUtf8(byte[] body) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOfSatisfying(PayloadValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.getMessage()).startsWith("Not UTF-8");
        });
    }

    @Test
    void refusesAnOverlongLabelInsteadOfDecodingIt() {
        byte[] body = SERVICE_JSON.replace("ollama", "oll@ma").getBytes(StandardCharsets.UTF_8);
        int at = SERVICE_JSON.indexOf("ollama") + 3;
        byte[] overlong = new byte[body.length + 1];
        System.arraycopy(body, 0, overlong, 0, at);
        overlong[at] = (byte) 0xC1; // 'a' as the overlong two-byte form C1 A1
        overlong[at + 1] = (byte) 0xA1;
        System.arraycopy(body, at + 1, overlong, at + 2, body.length - at - 1);

        assertRefusedAsNotUtf8(overlong);
    }

    @ParameterizedTest
    @CsvSource({
            "UTF-16LE, ''", "UTF-16LE, FFFE", "UTF-16BE, ''", "UTF-16BE, FEFF",
            "UTF-32LE, ''", "UTF-32LE, FFFE0000", "UTF-32BE, ''", "UTF-32BE, 0000FEFF" })
    void refusesUtf16AndUtf32WithAndWithoutByteOrderMark(String charset, String bomHex) {
        byte[] bom = java.util.HexFormat.of().parseHex(bomHex);
        byte[] text = SERVICE_JSON.getBytes(java.nio.charset.Charset.forName(charset));
        byte[] body = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(text, 0, body, bom.length, text.length);

        assertRefusedAsNotUtf8(body);
    }

    @Test
    void refusesUtf8EncodedSurrogatesTruncatedSequencesAndStrayBytes() {
        assertRefusedAsNotUtf8(withRaw("ollama", 0xED, 0xA0, 0x80));
        assertRefusedAsNotUtf8(withRaw("ollama", 0xE2, 0x82));
        assertRefusedAsNotUtf8(withRaw("ollama", 0x80));
        assertRefusedAsNotUtf8(withRaw("ollama", 0xFF));
    }

    /** SERVICE_JSON with the raw bytes in place of {@code value}. */
    private static byte[] withRaw(String value, int... raw) {
        int at = SERVICE_JSON.indexOf(value);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(SERVICE_JSON.substring(0, at).getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(SERVICE_JSON.substring(at + value.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void acceptsALeadingUtf8ByteOrderMarkAndMultiByteText() {
        byte[] text = SERVICE_JSON.replace("ollama", "ollamä 😀").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);

        assertThat(parser.parse(body).alerts().get(0).labels()).containsEntry("service", "ollamä 😀");
    }
}
