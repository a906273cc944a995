package io.alertline.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;

/** The stuck decision alone, on a clock the test moves; no broker. */
class StuckCategoryDetectorTest {

    /** A clock that only moves when told. */
    static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final StuckCategoryDetector detector = new StuckCategoryDetector(
            c -> c == Category.CRITICAL ? Duration.ofMinutes(7) : Duration.ofMinutes(5), clock);

    @Test
    void recordsWaitingAtTheSameCommittedOffsetPastTheAllowanceIsStuckUntilTheOffsetMoves() {
        Instant waitingFrom = clock.instant();
        detector.observe(Category.WARNING, Map.of(0, 10L, 1, 4L), Map.of(0, 12L, 1, 4L));
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        detector.observe(Category.WARNING, Map.of(0, 10L, 1, 4L), Map.of(0, 15L, 1, 4L));
        assertThat(detector.stuck()).as("not yet past the allowance").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        detector.observe(Category.WARNING, Map.of(0, 10L, 1, 4L), Map.of(0, 15L, 1, 4L));
        assertThat(detector.stuck()).singleElement().satisfies(s -> {
            assertThat(s.category()).isEqualTo(Category.WARNING);
            assertThat(s.since()).isEqualTo(waitingFrom);
            assertThat(s.lag()).isEqualTo(5);
            assertThat(s.partitions()).containsExactly(0);
            assertThat(s.describe()).containsEntry("category", "warning").containsEntry("since", waitingFrom.toString());
        });

        clock.advance(Duration.ofSeconds(10));
        detector.observe(Category.WARNING, Map.of(0, 11L, 1, 4L), Map.of(0, 15L, 1, 4L));
        assertThat(detector.stuck()).as("a commit is progress, even with records still waiting").isEmpty();
    }

    @Test
    void aLongBacklogThatKeepsCommittingIsNeverStuck() {
        for (long committed = 0; committed < 100; committed++) {
            detector.observe(Category.GENERIC, Map.of(0, committed), Map.of(0, 1_000L));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(detector.stuck()).isEmpty();
    }

    @Test
    void aLongIdlePartitionThatGetsANewRecordHasWaitedOnlySinceThen() {
        detector.observe(Category.GENERIC, Map.of(0, 7L), Map.of(0, 7L));
        clock.advance(Duration.ofHours(2));
        detector.observe(Category.GENERIC, Map.of(0, 7L), Map.of(0, 8L));
        clock.advance(Duration.ofMinutes(1));
        detector.observe(Category.GENERIC, Map.of(0, 7L), Map.of(0, 8L));
        assertThat(detector.stuck()).isEmpty();
    }

    @Test
    void criticalHasItsOwnLongerAllowanceForRecoveryScripts() {
        detector.observe(Category.CRITICAL, Map.of(0, 0L), Map.of(0, 2L));
        clock.advance(Duration.ofMinutes(6));
        detector.observe(Category.CRITICAL, Map.of(0, 0L), Map.of(0, 2L));
        assertThat(detector.stuck()).as("a script may legitimately run this long").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(detector.stuck()).singleElement().satisfies(s -> {
            assertThat(s.category()).isEqualTo(Category.CRITICAL);
            assertThat(s.stuckAfter()).isEqualTo(Duration.ofMinutes(7));
        });
    }

    @Test
    void waitingEndsWhenNothingIsLeftToRead() {
        detector.observe(Category.AI, Map.of(0, 3L), Map.of(0, 5L));
        clock.advance(Duration.ofMinutes(10));
        detector.observe(Category.AI, Map.of(0, 5L), Map.of(0, 5L));
        assertThat(detector.stuck()).isEmpty();
        detector.observe(Category.AI, Map.of(0, 5L), Map.of(0, 6L));
        clock.advance(Duration.ofMinutes(4));
        assertThat(detector.stuck()).isEmpty();
    }
}
