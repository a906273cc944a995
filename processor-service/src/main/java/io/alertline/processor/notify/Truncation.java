package io.alertline.processor.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Cuts text to a chat service's length limit, marking the cut with "…".
 *
 * <p>Limits are counted in UTF-16 units ({@link String#length()}), which is never less than what
 * the services count, so a fitted text is always accepted. Text is cut only between whole
 * escaped characters: never inside a surrogate pair, an HTML entity or a markdown escape, any of
 * which would make the service reject the message or render garbage (Alertmanager's
 * {@code TruncateInRunes} has the same reason to cut whole runes).
 */
public final class Truncation {

    public static final String ELLIPSIS = "…";

    private Truncation() {
    }

    /** Plain text, no escaping. */
    public static String fit(String text, int limit) {
        return escapeAndFit(text, limit, Character::toString);
    }

    /** Escapes each code point of {@code raw} with {@code escape}, then fits the result into limit. */
    public static String escapeAndFit(String raw, int limit, IntFunction<String> escape) {
        List<String> atoms = new ArrayList<>();
        raw.codePoints().forEach(cp -> atoms.add(escape.apply(cp)));
        return fitAtoms(atoms, limit);
    }

    /** Joins atoms, dropping the tail and adding "…" if the whole would exceed limit. */
    public static String fitAtoms(List<String> atoms, int limit) {
        if (limit <= 0) {
            return "";
        }
        int total = 0;
        for (String atom : atoms) {
            total += atom.length();
        }
        StringBuilder out = new StringBuilder(Math.min(total, limit));
        if (total <= limit) {
            atoms.forEach(out::append);
            return out.toString();
        }
        int budget = limit - ELLIPSIS.length();
        for (String atom : atoms) {
            if (out.length() + atom.length() > budget) {
                break;
            }
            out.append(atom);
        }
        return out.append(ELLIPSIS).toString();
    }
}
