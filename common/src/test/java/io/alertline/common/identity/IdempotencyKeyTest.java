package io.alertline.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadSummary;
import io.alertline.common.topic.Category;

class IdempotencyKeyTest {

    private static Alert alert(String status, String startsAt) {
        return new Alert(status, Map.of("alertname", "A", "instance", "i"), Map.of("summary", "changes"), startsAt,
                null, null, null);
    }

    @Test
    void sameAlertResentCollapsesToOneKey() {
        Alert first = alert("firing", "2026-11-22T10:00:00Z");
        Alert resent = new Alert("firing", Map.of("instance", "i", "alertname", "A"), Map.of("summary", "other text"),
                "2026-11-22T10:00:00Z", "2026-11-22T10:05:00Z", "http://x", null);
        assertThat(IdempotencyKey.of(Category.WARNING, first)).isEqualTo(IdempotencyKey.of(Category.WARNING, resent))
                .hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void statusStartsAtAndCategoryEachMakeANewKey() {
        String base = IdempotencyKey.of(Category.WARNING, alert("firing", "t1"));
        assertThat(IdempotencyKey.of(Category.WARNING, alert("resolved", "t1"))).isNotEqualTo(base);
        assertThat(IdempotencyKey.of(Category.WARNING, alert("firing", "t2"))).isNotEqualTo(base);
        assertThat(IdempotencyKey.of(Category.CRITICAL, alert("firing", "t1"))).isNotEqualTo(base);
        assertThat(IdempotencyKey.of(Category.WARNING, alert("firing", null)))
                .isEqualTo(IdempotencyKey.of(Category.WARNING, alert("firing", null))).isNotEqualTo(base);
    }

    @Test
    void groupKeyFallsBackToSortedAlertnames() {
        PayloadParser parser = new PayloadParser();
        PayloadSummary withKey = parser.summarize("{\"groupKey\":\"g\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}]}".getBytes());
        PayloadSummary ab = parser.summarize("{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"B\"}}]}".getBytes());
        PayloadSummary ba = parser.summarize("{\"alerts\":[{\"labels\":{\"alertname\":\"B\"}},{\"labels\":{\"alertname\":\"A\"}}]}".getBytes());
        assertThat(withKey.recordKey()).isEqualTo("g");
        assertThat(ab.recordKey()).isEqualTo(ba.recordKey()).startsWith("alertnames:");
    }
}
