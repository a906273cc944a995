package io.alertline.processor.notify;

/**
 * Alert text as a person in a chat will see it: bidi overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), zero-width and other invisible format characters, control characters other
 * than newline and tab, and lone surrogates are removed. A sender could otherwise make a
 * message read differently from what it says (a right-to-left override turns "exe.txt" into
 * "txt.exe"); the recovery environment drops the same classes of characters.
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** {@code text} without invisible characters; null stays null, and text with none is returned as is. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = firstInvisible(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!invisible(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static int firstInvisible(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (invisible(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    static boolean invisible(int cp) {
        if (cp == '\n' || cp == '\t') {
            return false;
        }
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
