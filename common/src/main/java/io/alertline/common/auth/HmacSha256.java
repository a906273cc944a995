package io.alertline.common.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 primitives shared by every signing scheme.
 *
 * <p>{@link #hmac} looks the algorithm up on each call, which is fine for clients and tests; request
 * handlers should hold an {@link HmacKey} instead, because provider lookup dominates the cost of
 * MACing a small webhook body.
 */
public final class HmacSha256 {

    public static final String ALGORITHM = "HmacSHA256";
    public static final int MAC_LENGTH = 32;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private HmacSha256() {
    }

    /** MAC over the concatenation of {@code parts}, without copying them into one array. */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        Mac mac = prototype(key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * A freshly initialised Mac. Callers that MAC repeatedly with one key clone it rather than
     * calling this again; see {@link HmacKey}.
     *
     * @throws IllegalArgumentException for a null or empty key (the JCE cannot represent an empty
     *                                  HMAC key); the message never contains key material
     */
    public static Mac prototype(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be null or empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JVM, not bad input.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Lowercase hex, the form most webhook senders emit. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            out[2 * i] = HEX_DIGITS[b >>> 4];
            out[2 * i + 1] = HEX_DIGITS[b & 0x0f];
        }
        return new String(out);
    }

    /**
     * Decodes hex of either case; {@code null} instead of an exception because the input is an
     * attacker-controlled header and "not hex" is an ordinary verification outcome.
     */
    public static byte[] parseHex(String hex) {
        if (hex == null || (hex.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = nibble(hex.charAt(2 * i));
            int lo = nibble(hex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** Constant-time, so response timing does not reveal how many leading bytes were right. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    // ASCII only: Character.digit would also accept e.g. fullwidth or Arabic-Indic digits.
    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
