package io.alertline.ingest.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 200 answer's JSON, written by hand in the contract's field order:
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
    /**
     * One builder per thread (the producer's I/O thread builds nearly all answers), reused: a new one
     * per answer grew two or three times for a typical body, about 1.6 KB of garbage per request.
     */
    private static final ThreadLocal<StringBuilder> BUILDERS = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    private static final int MAX_KEPT_CHARS = 16 * 1024;

    private AcceptedAnswer() {
    }

    static byte[] json(String requestId, List<String> alertnames, String topic, int partition, long offset) {
        StringBuilder out = BUILDERS.get();
        out.setLength(0);
        out.append("{\"status\":\"success\",\"processed\":").append(alertnames.size()).append(",\"request_id\":");
        string(out, requestId);
        out.append(",\"alerts\":[");
        for (int i = 0; i < alertnames.size(); i++) {
            out.append(i == 0 ? "{\"alertname\":" : ",{\"alertname\":");
            string(out, alertnames.get(i));
            out.append(",\"status\":\"accepted\"}");
        }
        out.append("],\"topic\":");
        string(out, topic);
        out.append(",\"partition\":").append(partition).append(",\"offset\":").append(offset).append('}');
        byte[] json = out.toString().getBytes(StandardCharsets.UTF_8);
        if (out.capacity() > MAX_KEPT_CHARS) { // a rare huge answer does not pin its builder to the thread
            BUILDERS.remove();
        }
        return json;
    }

    /** A JSON string, or {@code null} for a missing value (as Jackson writes a null map value). */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plain = plainPrefix(value);
        // the common case, nothing to escape: one bulk append instead of one per character
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
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

    /** How many leading characters need no escape. */
    private static int plainPrefix(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return value.length();
    }
}
