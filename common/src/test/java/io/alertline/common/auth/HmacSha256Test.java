package io.alertline.common.auth;

import static io.alertline.common.auth.Vectors.RFC4231_DATA;
import static io.alertline.common.auth.Vectors.RFC4231_KEY;
import static io.alertline.common.auth.Vectors.RFC4231_MAC;
import static io.alertline.common.auth.Vectors.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void hmacMatchesKnownVectorWhetherOrNotTheMessageIsSplit() {
        assertThat(HmacSha256.hex(HmacSha256.hmac(utf8(RFC4231_KEY), utf8(RFC4231_DATA)))).isEqualTo(RFC4231_MAC);
        assertThat(HmacSha256.hex(HmacSha256.hmac(utf8(RFC4231_KEY),
                utf8("what do "), new byte[0], utf8("ya want for nothing?")))).isEqualTo(RFC4231_MAC);
    }

    @Test
    void hexIsLowercase() {
        assertThat(HmacSha256.hex(new byte[] {0x00, 0x0f, (byte) 0xab, (byte) 0xff})).isEqualTo("000fabff");
        assertThat(HmacSha256.hex(new byte[0])).isEmpty();
    }

    @Test
    void parseHexAcceptsBothCases() {
        assertThat(HmacSha256.parseHex("000fabff")).containsExactly(0x00, 0x0f, 0xab, 0xff);
        assertThat(HmacSha256.parseHex("000FABFF")).containsExactly(0x00, 0x0f, 0xab, 0xff);
        assertThat(HmacSha256.parseHex("")).isEmpty();
    }

    @Test
    void parseHexRejectsOddLengthAndNonHexWithoutThrowing() {
        assertThat(HmacSha256.parseHex(null)).isNull();
        assertThat(HmacSha256.parseHex("abc")).isNull();
        assertThat(HmacSha256.parseHex("zz")).isNull();
        assertThat(HmacSha256.parseHex("0g")).isNull();
        assertThat(HmacSha256.parseHex("g0")).isNull();
        assertThat(HmacSha256.parseHex("0x")).isNull();
        assertThat(HmacSha256.parseHex("GG")).isNull();
        assertThat(HmacSha256.parseHex("0G")).isNull();
        assertThat(HmacSha256.parseHex(" 0")).isNull();
    }

    @Test
    void parseHexRejectsNonAsciiIncludingUnicodeDigits() {
        assertThat(HmacSha256.parseHex("éé")).isNull();
        // Character.digit would accept these as 3 and A.
        assertThat(HmacSha256.parseHex("\u0663\u0663")).as("Arabic-Indic three").isNull();
        assertThat(HmacSha256.parseHex("\uFF21\uFF21")).as("fullwidth A").isNull();
        assertThat(HmacSha256.parseHex("\u06630")).as("Arabic-Indic three, high nibble").isNull();
        assertThat(HmacSha256.parseHex("0\u0663")).as("Arabic-Indic three, low nibble").isNull();
        assertThat(HmacSha256.parseHex("\uFF210")).as("fullwidth A, high nibble").isNull();
        // Chars whose low byte is a hex digit must not be mistaken for it.
        assertThat(HmacSha256.parseHex("\u0130\u0141")).isNull();
    }

    @Test
    void hexRoundTrips() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat(HmacSha256.parseHex(HmacSha256.hex(bytes))).isEqualTo(bytes);
        assertThat(HmacSha256.parseHex(HmacSha256.hex(bytes).toUpperCase())).isEqualTo(bytes);
    }

    @Test
    void prototypeRejectsEmptyKey() {
        assertThatThrownBy(() -> HmacSha256.prototype(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HmacSha256.prototype(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalIsExactByteEquality() {
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(HmacSha256.equal(new byte[] {1, 2}, new byte[] {1, 2, 0})).isFalse();
    }
}
