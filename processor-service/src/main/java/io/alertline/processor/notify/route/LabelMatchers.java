package io.alertline.processor.notify.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a comma-separated list of matchers, as one entry of Alertmanager's {@code matchers:}
 * may hold ({@code team="db", env!="prod"}), splitting exactly as Alertmanager's
 * {@code labels.ParseMatchers} does: an optional leading '{' and trailing '}' are dropped, commas
 * inside double quotes do not split, a trailing comma is allowed, an empty item is an error.
 */
public final class LabelMatchers {

    private LabelMatchers() {
    }

    /** @throws IllegalArgumentException naming the offending matcher text */
    public static List<LabelMatcher> parse(String text) {
        String s = text;
        if (s.startsWith("{")) {
            s = s.substring(1);
        }
        if (s.endsWith("}")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // the same state machine as Go's: a comma inside quotes leaves 'escaped' as it was
            if (c == ',') {
                if (!insideQuotes) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    continue;
                }
            } else if (c == '"') {
                if (escaped) {
                    escaped = false;
                } else {
                    insideQuotes = !insideQuotes;
                }
            } else if (c == '\\') {
                escaped = !escaped;
            } else {
                escaped = false;
            }
            token.append(c);
        }
        String lastToken = token.toString().strip();
        if (!lastToken.isEmpty()) {
            tokens.add(lastToken);
        }
        List<LabelMatcher> matchers = new ArrayList<>(tokens.size());
        for (String each : tokens) {
            matchers.add(LabelMatcher.parse(each));
        }
        return matchers;
    }
}
