package io.alertline.common.payload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a body is strict UTF-8, as JSON exchanged between systems must be (RFC 8259 §8.1).
 *
 * <p>Jackson alone is lenient in two ways that matter here: it decodes overlong forms (the bytes
 * {@code oll\xC1\xA1ma} read as {@code ollama}, so a label can pass a check on its bytes and
 * match another value once decoded) and it auto-detects UTF-16 and UTF-32. The JDK's UTF-8
 * decoder, set to report rather than replace, refuses every ill-formed sequence: overlong forms,
 * UTF-8-encoded surrogates (CESU-8), code points above U+10FFFF, truncated sequences, stray
 * continuation bytes and invalid lead bytes, which includes the byte order marks of UTF-16 and
 * UTF-32. UTF-16 and UTF-32 text without a byte order mark can still be well-formed UTF-8 byte
 * for byte, but JSON text starts with an ASCII character, so it always holds a NUL byte, which
 * RFC 8259 never allows unescaped; NUL is refused too, and Jackson's encoding detection (which
 * looks for NULs and byte order marks) then always picks UTF-8.
 *
 * <p>A leading UTF-8 byte order mark is well-formed UTF-8 and is accepted: RFC 8259 lets a parser
 * ignore it, Jackson skips it, and some senders (.NET, PowerShell) add one.
 *
 * <p>Cost: one pass over the bytes; an all-ASCII body (the common case) never reaches the
 * decoder, and a decoder run uses a 1 KiB scratch buffer whatever the body's size.
 */
public final class StrictUtf8 {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The decoded text is thrown away; it only needs room to make progress. */
    private static final int SCRATCH_CHARS = 512;

    private StrictUtf8() {
    }

    /** Offset of the first byte that makes {@code bytes} not strict UTF-8 JSON text, or -1 when there is none. */
    public static int firstInvalidByte(byte[] bytes) {
        int firstNonAscii = -1;
        int nul = -1;
        for (int i = asciiPrefix(bytes); i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                nul = i;
                break;
            }
            if (b < 0 && firstNonAscii < 0) {
                firstNonAscii = i;
            }
        }
        if (firstNonAscii < 0) {
            return nul;
        }
        int malformed = firstMalformed(bytes, firstNonAscii, nul < 0 ? bytes.length : nul);
        return malformed >= 0 ? malformed : nul;
    }

    /**
     * Length of the longest prefix, in whole 8-byte words, that is ASCII without NUL: read a word at
     * a time, since this runs over every body and byte by byte it was ~2 % of the ingest's CPU.
     * (A word has a NUL byte iff {@code (w - 0x01..01) & ~w & 0x80..80} is not zero.)
     */
    private static int asciiPrefix(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long w = (long) WORDS.get(bytes, i);
            if (((w | ((w - LOW_BITS) & ~w)) & HIGH_BITS) != 0) {
                break;
            }
        }
        return i;
    }

    /** First malformed byte in {@code [from, to)}, or -1. */
    private static int firstMalformed(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer scratch = CharBuffer.allocate(SCRATCH_CHARS);
        while (true) {
            // endOfInput = true: a sequence cut off at the end is malformed, not "more to come"
            CoderResult result = decoder.decode(in, scratch, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            scratch.clear();
        }
    }
}
