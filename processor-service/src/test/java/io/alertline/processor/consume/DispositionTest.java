package io.alertline.processor.consume;

import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;

class DispositionTest {

    private static ChannelStates retry(String channel, Duration retryAfter) {
        return new ChannelStates(null, List.of(channel), retryAfter, channel + ": HTTP 503", List.of(), null);
    }

    private static ChannelStates failed(String channel) {
        return new ChannelStates(null, List.of(), Duration.ZERO, null, List.of(channel), channel + ": HTTP 404");
    }

    @Test
    void nothingPendingOrFailedIsProcessed() {
        Disposition d = Disposition.of(1, List.of(ChannelStates.NONE, ChannelStates.NONE), RETRY, NOW);

        assertThat(d.processed()).isTrue();
        assertThat(Disposition.of(1, List.of(), RETRY, NOW)).isEqualTo(Disposition.PROCESSED);
    }

    @Test
    void pendingChannelsOfAllAlertsRetryOnceEachAfterTheBackoffOrTheLongestRetryAfter() {
        Disposition d = Disposition.of(1, List.of(retry("slack", Duration.ZERO), retry("discord", Duration.ZERO),
                retry("slack", Duration.ZERO)), RETRY, NOW);

        assertThat(d.deadLetter()).isNull();
        assertThat(d.retry()).isEqualTo(new Disposition.Retry(2, NOW.plus(RETRY.backoffBefore(2)),
                List.of("slack", "discord"), "slack: HTTP 503"));

        Disposition later = Disposition.of(2, List.of(retry("slack", Duration.ofSeconds(90))), RETRY, NOW);
        assertThat(later.retry().notBefore()).isEqualTo(NOW.plusSeconds(90));
        assertThat(later.retry().nextAttempt()).isEqualTo(3);
    }

    @Test
    void aChannelFailedForGoodDeadLettersTheRecordEvenWhileAnotherRetries() {
        Disposition d = Disposition.of(2, List.of(retry("slack", Duration.ZERO), failed("discord")), RETRY, NOW);

        assertThat(d.retry().channels()).containsExactly("slack");
        assertThat(d.deadLetter()).isEqualTo(new Disposition.DeadLetter(DeadLetterReason.CHANNEL_FAILED,
                "discord: HTTP 404", List.of("discord"), 2));
    }

    @Test
    void aRejectedRecordGoesOnlyToTheDeadLetterTopicWithItsAttempt() {
        Rejection rejection = (Rejection) gate().admit(record(Category.WARNING, alerts("A"), 1), Category.GPU);

        Disposition d = Disposition.rejected(rejection);

        assertThat(d.retry()).isNull();
        assertThat(d.deadLetter()).isEqualTo(new Disposition.DeadLetter(DeadLetterReason.INVALID_RECORD_SIGNATURE,
                "record signature missing or invalid; not acted on", List.of(), 1));
    }
}
