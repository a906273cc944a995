package io.alertline.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplaySignatureTest {

    private final RecordSigner signer = new RecordSigner("record-signing-key-0123456789");

    @Test
    void roundTripsAndBindsEveryField() {
        String sig = signer.signReplay("r1", "force", "req-1");
        assertThat(signer.verifyReplay("r1", "force", "req-1", sig)).isTrue();
        assertThat(signer.verifyReplay("r2", "force", "req-1", sig)).isFalse();
        assertThat(signer.verifyReplay("r1", "redrive", "req-1", sig)).isFalse();
        assertThat(signer.verifyReplay("r1", "force", "req-2", sig)).isFalse();
        assertThat(new RecordSigner("another-key-0123456789abc").verifyReplay("r1", "force", "req-1", sig)).isFalse();
        assertThat(signer.verifyReplay("r1", "force", "req-1", null)).isFalse();
        assertThat(signer.verifyReplay("r1", "force", "req-1", "v1=zz")).isFalse();
    }

    @Test
    void aReplaySignatureIsNotARecordSignature() {
        String sig = signer.signReplay("r1", "force", "req-1");
        assertThat(signer.verify("r1", 1L, "force", "req-1".getBytes(), sig)).isFalse();
    }
}
