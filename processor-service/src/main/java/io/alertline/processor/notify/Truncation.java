package io.alertline.processor.notify;

/**
 * Cuts text to a chat service's length limit, marking the cut with "…".
 *
 * <p>Limits are counted in UTF-16 units ({@link String#length()}), which is never less than what
 * the services count, so a fitted text is always accepted. Text is cut only between whole code
 * points, never inside a surrogate pair (Alertmanager's {@code TruncateInRunes} has the same
 * reason to cut whole runes). Values are cut before the template engine escapes them, so no cut
 * falls inside an entity or an escape; only {@code MessageRenderer}'s last resort (a template
 * whose fixed text alone is over the limit) cuts rendered text.
 */
public final class Truncation {

    public static final String ELLIPSIS = "…";

    private Truncation() {
    }

    public static String fit(String text, int limit) {
        if (limit <= 0) {
            return "";
        }
        if (text.length() <= limit) {
            return text;
        }
        int end = limit - ELLIPSIS.length();
        if (end > 0 && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }
}
