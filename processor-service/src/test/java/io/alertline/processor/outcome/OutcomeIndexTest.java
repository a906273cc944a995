package io.alertline.processor.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;

class OutcomeIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static OutcomeDocument doc(String key, OutcomeResult result, Instant processedAt) {
        return new OutcomeDocument(key, key, "req-" + key, Category.WARNING, "A", "fp", "firing", null, null,
                processedAt, "me", result, null, 1, null, null, new RecordSource("t", 0, 0), null,
                Map.of("slack", ChannelResult.delivered(processedAt, null)), null, null, null);
    }

    @Test
    void processedOutcomesAreKeptSlimAndOpenOnesWhole() {
        OutcomeIndex index = new OutcomeIndex(10, Duration.ofHours(1), 1000, CLOCK);
        index.remember(doc("k1", OutcomeResult.PROCESSED, NOW));
        index.remember(doc("k2", OutcomeResult.RETRYING, NOW));
        assertThat(index.latest("k1").finished()).isTrue();
        assertThat(index.latest("k1").requestId()).isEqualTo("req-k1");
        assertThat(index.latest("k1").notifications()).as("slim").isNull();
        assertThat(index.latest("k2").notifications()).containsKey("slack");
    }

    @Test
    void outcomesOlderThanTheWindowDoNotCount() {
        OutcomeIndex index = new OutcomeIndex(10, Duration.ofHours(1), 1000, CLOCK);
        index.put(doc("old", OutcomeResult.PROCESSED, NOW.minus(Duration.ofHours(2))));
        index.put(doc("fresh", OutcomeResult.PROCESSED, NOW.minus(Duration.ofMinutes(59))));
        assertThat(index.latest("old")).isNull();
        assertThat(index.latest("fresh")).isNotNull();
        assertThat(index.recent(10)).hasSize(2);
    }

    @Test
    void theLaterOfTwoOutcomesWinsAndMemoryIsBounded() {
        OutcomeIndex index = new OutcomeIndex(5, Duration.ofHours(1), 100, CLOCK);
        index.remember(doc("k", OutcomeResult.PROCESSED, NOW));
        index.remember(doc("k", OutcomeResult.RETRYING, NOW.minusSeconds(5)));
        assertThat(index.latest("k").result()).isEqualTo(OutcomeResult.PROCESSED);
        for (int i = 0; i < 10_000; i++) {
            index.put(doc("key-" + i, OutcomeResult.PROCESSED, NOW));
        }
        assertThat(index.size()).isLessThanOrEqualTo(100);
        assertThat(index.recent(100)).hasSize(5);
    }
}
