package io.alertline.common.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    private static final String JSON = "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"service\":\"ollama\"}}]}";

    /** "prefix" + raw bytes + "suffix", so the offending offset is known. */
    private static byte[] around(String prefix, int[] raw, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(suffix.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static int[] bytes(int... raw) {
        return raw;
    }

    /** The sample JSON in {@code charset}, after the given byte order mark (none when empty). */
    private static byte[] encoded(Charset charset, int... bom) {
        return concat(around("", bom, ""), JSON.getBytes(charset));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void acceptsAsciiAndWellFormedMultiByteText() {
        assertThat(StrictUtf8.firstInvalidByte(JSON.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(StrictUtf8.firstInvalidByte("{\"s\":\"ü € 😀 \uDBFF\uDFFF\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
        assertThat(StrictUtf8.firstInvalidByte(around("{\"max\":\"", bytes(0xF4, 0x8F, 0xBF, 0xBF), "\"}")))
                .as("U+10FFFF, the last code point").isEqualTo(-1);
        assertThat(StrictUtf8.firstInvalidByte(new byte[0])).isEqualTo(-1);
    }

    @Test
    void acceptsALeadingUtf8ByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF))).isEqualTo(-1);
    }

    @Test
    void refusesOverlongForms() {
        // "oll" + overlong 'a' + "ma": decodes to "ollama" in a lenient decoder
        assertThat(StrictUtf8.firstInvalidByte(around("oll", bytes(0xC1, 0xA1), "ma"))).isEqualTo(3);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xC0, 0xAF), ""))).as("2-byte '/'").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xC0, 0x80), ""))).as("2-byte NUL").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xE0, 0x80, 0xAF), ""))).as("3-byte '/'").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xF0, 0x80, 0x80, 0xAF), ""))).as("4-byte '/'")
                .isEqualTo(1);
    }

    @Test
    void refusesUtf8EncodedSurrogates() {
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xED, 0xA0, 0x80), ""))).as("U+D800").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xED, 0xBF, 0xBF), ""))).as("U+DFFF").isEqualTo(1);
        // CESU-8 of U+1F600: a surrogate pair, each half encoded as three bytes
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80), "")))
                .isEqualTo(1);
    }

    @Test
    void refusesTruncatedMultiByteSequences() {
        assertThat(StrictUtf8.firstInvalidByte(around("{\"a\":\"", bytes(0xE2, 0x82), ""))).as("at the end")
                .isEqualTo(6);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xF0, 0x9F, 0x98), ""))).as("4-byte at the end")
                .isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xE2, 0x82), "\"}"))).as("followed by ASCII")
                .isEqualTo(1);
    }

    @Test
    void refusesInvalidLeadAndContinuationBytes() {
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0x80), ""))).as("lone continuation").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("é", bytes(0xBF), ""))).as("extra continuation")
                .isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xC3, 0x28), ""))).as("lead without continuation")
                .isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xF5, 0x80, 0x80, 0x80), ""))).as("F5").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xF4, 0x90, 0x80, 0x80), ""))).as("above U+10FFFF")
                .isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xF8, 0x88, 0x80, 0x80, 0x80), ""))).as("5-byte")
                .isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xFF), ""))).as("FF").isEqualTo(1);
        assertThat(StrictUtf8.firstInvalidByte(around("x", bytes(0xFE), ""))).as("FE").isEqualTo(1);
    }

    /** The word-at-a-time ASCII scan: a NUL or a stray byte at any offset, either side of every word boundary. */
    @Test
    void findsTheFirstBadByteAtEveryOffset() {
        for (int length = 1; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                for (int bad : new int[] {0x00, 0x80, 0xFF}) {
                    byte[] bytes = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
                    bytes[at] = (byte) bad;
                    assertThat(StrictUtf8.firstInvalidByte(bytes)).as("length %d, 0x%02X at %d", length, bad, at)
                            .isEqualTo(at);
                }
            }
            assertThat(StrictUtf8.firstInvalidByte("y".repeat(length).getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
        }
        // two-byte text that is well-formed after an ASCII run crossing a word boundary
        assertThat(StrictUtf8.firstInvalidByte(("abcdefghij" + "ü").getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void refusesRawNul() {
        assertThat(StrictUtf8.firstInvalidByte(around("{\"a\":\"", bytes(0x00), "\"}"))).isEqualTo(6);
    }

    @Test
    void refusesUtf16LittleEndianWithoutByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(StandardCharsets.UTF_16LE))).isEqualTo(1);
    }

    @Test
    void refusesUtf16LittleEndianWithByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(StandardCharsets.UTF_16LE, 0xFF, 0xFE))).isZero();
    }

    @Test
    void refusesUtf16BigEndianWithoutByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(StandardCharsets.UTF_16BE))).isZero();
    }

    @Test
    void refusesUtf16BigEndianWithByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(StandardCharsets.UTF_16BE, 0xFE, 0xFF))).isZero();
    }

    @Test
    void refusesUtf32LittleEndianWithoutByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(Charset.forName("UTF-32LE")))).isEqualTo(1);
    }

    @Test
    void refusesUtf32LittleEndianWithByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00)))
                .isZero();
    }

    @Test
    void refusesUtf32BigEndianWithoutByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(Charset.forName("UTF-32BE")))).isZero();
    }

    @Test
    void refusesUtf32BigEndianWithByteOrderMark() {
        assertThat(StrictUtf8.firstInvalidByte(encoded(Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF)))
                .isZero();
    }

    @Test
    void findsTheFirstBadByteFarIntoALargeBody() {
        byte[] big = new byte[1 << 20];
        java.util.Arrays.fill(big, (byte) 'a');
        for (int i = 0; i < 1000; i++) {
            big[i * 3] = (byte) 0xC3; // é = C3 A9, well-formed, forces the decoder path
            big[i * 3 + 1] = (byte) 0xA9;
        }
        big[big.length - 2] = (byte) 0xC1;
        big[big.length - 1] = (byte) 0xA1;
        assertThat(StrictUtf8.firstInvalidByte(big)).isEqualTo(big.length - 2);
    }
}
