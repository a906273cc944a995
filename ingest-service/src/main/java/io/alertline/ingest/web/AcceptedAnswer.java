package io.alertline.ingest.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The 200 answer's JSON, written straight into bytes in the contract's field order:
 * {@code {"status":"success","processed":N,"request_id":...,"alerts":[{"alertname":...,
 * "status":"accepted"},...],"topic":...,"partition":P,"offset":O}}.
 *
 * <p>Every accepted request gets one, and it used to be built as nested maps and serialised by
 * Jackson, which the profile showed as the largest piece of our own code on the Kafka producer's
 * thread (where the broker's ack completes the request). The strings are escaped as Jackson
 * escapes them (quote, backslash, the short escapes for newline, tab and the like, other control
 * characters as six-character escapes with upper-case hex; everything else verbatim as UTF-8), so
 * the bytes are the same as before (AcceptedAnswerTest compares them).
 */
final class AcceptedAnswer {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] HEAD = ascii("{\"status\":\"success\",\"processed\":");
    private static final byte[] REQUEST_ID = ascii(",\"request_id\":");
    private static final byte[] ALERTS = ascii(",\"alerts\":[");
    private static final byte[] FIRST_ALERT = ascii("{\"alertname\":");
    private static final byte[] NEXT_ALERT = ascii(",{\"alertname\":");
    private static final byte[] ACCEPTED = ascii(",\"status\":\"accepted\"}");
    private static final byte[] TOPIC = ascii("],\"topic\":");
    private static final byte[] PARTITION = ascii(",\"partition\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] QUOTE = ascii("\"");
    private static final byte[] END = ascii("}");

    private AcceptedAnswer() {
    }

    static byte[] json(String requestId, List<String> alertnames, String topic, int partition, long offset) {
        Out out = new Out(128 + 48 * alertnames.size() + requestId.length() + topic.length());
        out.put(HEAD).put(Integer.toString(alertnames.size())).put(REQUEST_ID).string(requestId).put(ALERTS);
        for (int i = 0; i < alertnames.size(); i++) {
            out.put(i == 0 ? FIRST_ALERT : NEXT_ALERT).string(alertnames.get(i)).put(ACCEPTED);
        }
        out.put(TOPIC).string(topic).put(PARTITION).put(Integer.toString(partition)).put(OFFSET)
                .put(Long.toString(offset)).put(END);
        return out.bytes();
    }

    /**
     * Bytes appended to one array: printable ASCII strings (ids, topics, nearly every alert name)
     * are copied as they are, anything else goes through {@link #string(StringBuilder, String)}.
     */
    private static final class Out {
        private byte[] bytes;
        private int length;

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        Out put(byte[] more) {
            room(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        /** Text known to be printable ASCII (numbers, plain strings): one byte per char. */
        Out put(String ascii) {
            room(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        Out string(String value) {
            if (value != null && isPlain(value)) {
                return put(QUOTE).put(value).put(QUOTE);
            }
            StringBuilder escaped = new StringBuilder();
            AcceptedAnswer.string(escaped, value);
            return put(escaped.toString().getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }

        private static boolean isPlain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON string, or {@code null} for a missing value (as Jackson writes a null map value). */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
