package io.alertline.processor.recovery;

import java.nio.charset.StandardCharsets;

/**
 * A ring buffer that keeps only the last {@code capacity} bytes written to it, so a chatty
 * script can neither block (its pipe is always drained) nor exhaust memory.
 */
final class OutputTail {

    private final byte[] buffer;
    private int position;
    private boolean wrapped;
    private long total;

    OutputTail(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.buffer = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        total += length;
        int capacity = buffer.length;
        if (length >= capacity) {
            System.arraycopy(bytes, offset + length - capacity, buffer, 0, capacity);
            position = 0;
            wrapped = true;
            return;
        }
        int first = Math.min(length, capacity - position);
        System.arraycopy(bytes, offset, buffer, position, first);
        System.arraycopy(bytes, offset + first, buffer, 0, length - first);
        if (position + length >= capacity) {
            wrapped = true;
        }
        position = (position + length) % capacity;
    }

    /** Every byte ever written, kept or not. */
    synchronized long totalBytes() {
        return total;
    }

    synchronized byte[] bytes() {
        if (!wrapped) {
            return java.util.Arrays.copyOf(buffer, position);
        }
        byte[] out = new byte[buffer.length];
        int tailLength = buffer.length - position;
        System.arraycopy(buffer, position, out, 0, tailLength);
        System.arraycopy(buffer, 0, out, tailLength, position);
        return out;
    }

    /**
     * The kept bytes as UTF-8 text, never longer than the capacity in UTF-8 bytes. When the
     * buffer cut a multi-byte character in half, the broken start is dropped.
     */
    String text() {
        byte[] kept = bytes();
        int start = 0;
        if (totalBytes() > kept.length) {
            while (start < kept.length && start < 3 && (kept[start] & 0xC0) == 0x80) {
                start++;
            }
        }
        String text = new String(kept, start, kept.length - start, StandardCharsets.UTF_8);
        // invalid bytes decode to U+FFFD (3 bytes): trim from the front until the bound holds again
        while (text.getBytes(StandardCharsets.UTF_8).length > buffer.length && !text.isEmpty()) {
            text = text.substring(text.offsetByCodePoints(0, 1));
        }
        return text;
    }
}
