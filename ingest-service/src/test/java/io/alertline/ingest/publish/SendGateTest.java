package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;

/** When a send may run on the event loop: only for a category with a recent ack and a buffer far from full. */
class SendGateTest {

    private static final int BATCH = 16_384;

    @Test
    void aCategoryWithoutAnAckYetHops() {
        SendGate gate = new SendGate(32L << 20, BATCH);

        assertThat(gate.sendMayBlock(Category.GENERIC)).isTrue();
    }

    @Test
    void anAckedCategorySendsDirectlyWhileOthersStillHop() {
        SendGate gate = new SendGate(32L << 20, BATCH);

        gate.acknowledged(Category.GENERIC);

        assertThat(gate.sendMayBlock(Category.GENERIC)).isFalse();
        assertThat(gate.sendMayBlock(Category.GPU)).isTrue();
    }

    @Test
    void recordsInFlightPastHalfTheBufferMakeSendsHopUntilReleased() {
        SendGate gate = new SendGate(1L << 20, BATCH); // budget 512 KiB
        gate.acknowledged(Category.GENERIC);

        long first = gate.reserve(200_000); // 204,096 counted
        long second = gate.reserve(200_000);
        assertThat(gate.sendMayBlock(Category.GENERIC)).isFalse();
        long third = gate.reserve(200_000); // 612,288 > 524,288
        assertThat(gate.sendMayBlock(Category.GENERIC)).isTrue();

        gate.release(third);
        assertThat(gate.sendMayBlock(Category.GENERIC)).isFalse();
        gate.release(first);
        gate.release(second);
    }

    @Test
    void aSmallRecordCountsAsAWholeBatch() {
        SendGate gate = new SendGate(1L << 20, BATCH);

        assertThat(gate.reserve(10)).isEqualTo(BATCH);
        assertThat(gate.reserve(20_000)).isEqualTo(20_000 + SendGate.RECORD_OVERHEAD_BYTES);
    }

    @Test
    void recordsInFlightPastFourBuffersMeanBacklogged() {
        SendGate gate = new SendGate(1L << 20, BATCH); // backlog at 4 MiB

        long first = gate.reserve(3_000_000);
        assertThat(gate.backlogged()).isFalse();
        long second = gate.reserve(1_200_000); // 4,208,192 > 4,194,304
        assertThat(gate.backlogged()).isTrue();

        gate.release(second);
        assertThat(gate.backlogged()).isFalse();
        gate.release(first);
    }
}
