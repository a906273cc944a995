package io.alertline.processor.consume;

import static io.alertline.processor.consume.StageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.topic.Category;

class RecordGateTest {

    private final RecordGate gate = gate();

    @Test
    void aSignedParsableRecordIsAdmittedWithItsAlertsAndNoReplay() {
        Admission admission = gate.admit(record(Category.WARNING, alerts("A", "B"), 7), Category.WARNING);

        assertThat(admission).isInstanceOf(AdmittedRecord.class);
        AdmittedRecord admitted = (AdmittedRecord) admission;
        assertThat(admitted.payload().alerts()).hasSize(2);
        assertThat(admitted.requestId()).isEqualTo("req-7");
        assertThat(admitted.receivedAt()).isEqualTo(RECEIVED);
        assertThat(admitted.attempt()).isEqualTo(1);
        assertThat(admitted.replayMode()).isNull();
        assertThat(admitted.source().offset()).isEqualTo(7);
    }

    @Test
    void aRecordSignedForAnotherCategoryIsRejected() {
        Admission admission = gate.admit(record(Category.WARNING, alerts("A"), 1), Category.CRITICAL);

        assertThat(admission).isInstanceOf(Rejection.class);
        assertThat(((Rejection) admission).reason()).isEqualTo(DeadLetterReason.INVALID_RECORD_SIGNATURE);
    }

    @Test
    void unsignedTamperedOrHeaderlessRecordsAreRejected() {
        ConsumerRecord<String, byte[]> signed = record(Category.WARNING, alerts("A"), 1);
        ConsumerRecord<String, byte[]> tampered = withHeaders(Category.WARNING,
                alerts("B").getBytes(StandardCharsets.UTF_8), 1, signed.headers());
        ConsumerRecord<String, byte[]> bare = withHeaders(Category.WARNING, signed.value(), 2, new RecordHeaders());
        ConsumerRecord<String, byte[]> tombstone = withHeaders(Category.WARNING, null, 3, signed.headers());

        for (ConsumerRecord<String, byte[]> r : new ConsumerRecord[] {tampered, bare, tombstone}) {
            assertThat(gate.admit(r, Category.WARNING)).isInstanceOfSatisfying(Rejection.class,
                    rejection -> assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_RECORD_SIGNATURE));
        }
    }

    @Test
    void aSignedBodyThatDoesNotParseIsRejectedAsUnparseableWithTheField() {
        Admission admission = gate.admit(record(Category.WARNING, "{\"alerts\":\"nope\"}", 1), Category.WARNING);

        assertThat(admission).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.reason()).isEqualTo(DeadLetterReason.UNPARSEABLE);
            assertThat(rejection.detail()).startsWith("alerts");
        });
    }

    @Test
    void aReplayCountsOnlyUnderAValidReplaySignature() {
        AdmittedRecord authorised = (AdmittedRecord) gate.admit(
                replayOf(Category.WARNING, alerts("A"), 1, ReplayMode.FORCE, "r1", SIGNER), Category.WARNING);
        AdmittedRecord unsigned = (AdmittedRecord) gate.admit(
                replayOf(Category.WARNING, alerts("A"), 1, ReplayMode.FORCE, "r1", null), Category.WARNING);
        AdmittedRecord otherKey = (AdmittedRecord) gate.admit(replayOf(Category.WARNING, alerts("A"), 1,
                ReplayMode.FORCE, "r1", new RecordSigner("some-other-key-0123456789")), Category.WARNING);

        assertThat(authorised.replayMode()).isEqualTo(ReplayMode.FORCE);
        assertThat(authorised.replayId()).isEqualTo("r1");
        assertThat(unsigned.replayMode()).isNull();
        assertThat(unsigned.replayId()).as("a plain redelivery").isNull();
        assertThat(otherKey.replayMode()).isNull();
        assertThat(AlertEnvelope.read(unsigned.record().headers()).replay().present()).isTrue();
    }
}
