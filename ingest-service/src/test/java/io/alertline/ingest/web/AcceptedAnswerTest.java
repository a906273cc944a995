package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The hand-written 200 answer is byte for byte what Jackson wrote for the same fields before. */
class AcceptedAnswerTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void sameBytesAsJacksonForPlainNames() {
        assertSameAsJackson("1b4e28ba-2fa1-41d2-883f-0016d3cca427", List.of("HighCPU", "DiskFull"), "alerts.gpu", 2,
                123_456_789_012L);
    }

    @Test
    void sameBytesAsJacksonForNamesThatNeedEscaping() {
        assertSameAsJackson("id", List.of("quote\" back\\slash", "tab\tnew\nline\rcr\bbs\fff", "ctl\u0001\u001f",
                "unicode é ✓ 😀", "slash / and <html>", ""), "alerts.generic", 0, 0);
    }

    @Test
    void noAlertsIsAnEmptyList() {
        assertSameAsJackson("id", List.of(), "alerts.ai", 1, 7);
    }

    private static void assertSameAsJackson(String requestId, List<String> names, String topic, int partition,
            long offset) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("processed", names.size());
        body.put("request_id", requestId);
        body.put("alerts", names.stream().map(n -> {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("alertname", n);
            alert.put("status", "accepted");
            return alert;
        }).toList());
        body.put("topic", topic);
        body.put("partition", partition);
        body.put("offset", offset);
        String expected = JACKSON.writeValueAsString(body);

        byte[] actual = AcceptedAnswer.json(requestId, names, topic, partition, offset);

        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(actual).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }
}
