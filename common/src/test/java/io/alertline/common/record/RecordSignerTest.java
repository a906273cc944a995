package io.alertline.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordSignerTest {

    private static final String KEY = "record-key-0123456789abcdef";
    private static final String REQUEST_ID = "req-123";
    private static final long RECEIVED_AT = 1_767_225_600_123L;
    private static final String CATEGORY = "alert";
    private static final byte[] BODY =
            "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"HighLatency\"}}]}".getBytes(StandardCharsets.UTF_8);

    // BODY='{"status":"firing","alerts":[{"labels":{"alertname":"HighLatency"}}]}'
    // printf 'alertline-record-v1\n%s\n%s\n%s\n%s' req-123 1767225600123 alert "$BODY" \
    //   | openssl dgst -sha256 -hmac "record-key-0123456789abcdef"
    private static final String SIGNATURE = "v1=8502c1ff0f974c18ef7652a13512f69fdb79efa4a096597456a0ee5a19db4852";

    private final RecordSigner signer = new RecordSigner(KEY);

    @Test
    void signMatchesOpensslVector() {
        assertThat(signer.sign(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void roundTrips() {
        String signature = signer.sign("other-id", 42L, "resolved", new byte[0]);
        assertThat(signer.verify("other-id", 42L, "resolved", new byte[0], signature)).isTrue();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY, SIGNATURE)).isTrue();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY, SIGNATURE.toUpperCase().replace("V1=", "v1=")))
                .isTrue();
    }

    @Test
    void changingAnySignedFieldFailsVerification() {
        assertThat(signer.verify("req-124", RECEIVED_AT, CATEGORY, BODY, SIGNATURE)).as("request id").isFalse();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT + 1, CATEGORY, BODY, SIGNATURE)).as("received at").isFalse();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, "alerts", BODY, SIGNATURE)).as("category").isFalse();
        for (int i = 0; i < BODY.length; i++) {
            byte[] tampered = BODY.clone();
            tampered[i] ^= 0x01;
            assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, CATEGORY, tampered, SIGNATURE)).as("body byte %d", i).isFalse();
        }
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // Moving characters between adjacent fields must not keep the signature valid.
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, "aler", "t".concat(new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
        assertThatThrownBy(() -> signer.sign("req\n1", RECEIVED_AT, CATEGORY, BODY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(REQUEST_ID, RECEIVED_AT, "a\nb", BODY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.verify("req\n1", RECEIVED_AT, CATEGORY, BODY, SIGNATURE)).isFalse();
    }

    @Test
    void differentKeyFailsVerification() {
        assertThat(new RecordSigner("another-key-0123456789").verify(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY, SIGNATURE))
                .isFalse();
    }

    @Test
    void malformedOrNullInputsAreFalseNotExceptions() {
        String hex = SIGNATURE.substring(3);
        for (String bad : new String[] {null, "", "v1=", hex, "v2=" + hex, "V1=" + hex, "v1=" + hex.substring(2),
                "v1=" + hex + "00", "v1=" + "é".repeat(64), "v1=" + "zz" + hex.substring(2), " " + SIGNATURE}) {
            assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY, bad)).as("signature '%s'", bad).isFalse();
        }
        assertThat(signer.verify(null, RECEIVED_AT, CATEGORY, BODY, SIGNATURE)).isFalse();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, null, BODY, SIGNATURE)).isFalse();
        assertThat(signer.verify(REQUEST_ID, RECEIVED_AT, CATEGORY, null, SIGNATURE)).isFalse();
    }

    @Test
    void rejectsShortOrNullKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> new RecordSigner(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordSigner("short-key-15chr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-key-15chr");
        assertThat(new RecordSigner("exactly-16-chars").sign(REQUEST_ID, RECEIVED_AT, CATEGORY, BODY)).startsWith("v1=");
    }
}
