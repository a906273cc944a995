package io.alertline.processor.notify.route;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An Alertmanager label matcher ({@code team="db"}, {@code env!="prod"},
 * {@code severity=~"critical|page"}, {@code service!~"foo.*"}), parsed and matched as Alertmanager's
 * classic parser does (prometheus/alertmanager {@code pkg/labels/parse.go} and {@code matcher.go}):
 * <ul>
 * <li>the value may be double-quoted or bare; inside it {@code \"}, {@code \n} and {@code \\} are
 *     escapes, any other backslash is literal, and an unescaped {@code "} is an error;</li>
 * <li>a regex must match the whole value (Alertmanager compiles {@code ^(?:re)$}); here
 *     {@link Matcher#matches()} anchors it, and {@code .}, {@code ^}, {@code $} treat only
 *     {@code \n} as a line end and {@code (?i)} folds Unicode case, as Go's RE2 does;</li>
 * <li>a label the alert does not have is matched as the empty string, so {@code env!="prod"}
 *     matches an alert without {@code env} and {@code env=""} matches only such alerts.</li>
 * </ul>
 * The regex is compiled once, here, so matching never compiles. Java's regex dialect accepts
 * RE2's usual syntax; it also accepts back-references and look-arounds, which RE2 refuses.
 */
public final class LabelMatcher {

    /** The four operators, with the symbol written in a matcher. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator ofSymbol(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown matcher operator " + symbol);
        }
    }

    // Alertmanager's own pattern; "=~" before "=" so that "=" does not take the "~" into the value.
    // Go's \s is [\t\n\f\r ] (no vertical tab), hence the explicit class.
    private static final String SPACE = "[\\t\\n\\f\\r ]*";
    private static final Pattern SYNTAX = Pattern.compile(
            SPACE + "([a-zA-Z_:][a-zA-Z0-9_:]*)" + SPACE + "(=~|=|!=|!~)" + SPACE + "(.*?)" + SPACE, Pattern.DOTALL);

    private final String name;
    private final Operator operator;
    private final String value;
    private final Pattern regex;

    private LabelMatcher(String name, Operator operator, String value, Pattern regex) {
        this.name = name;
        this.operator = operator;
        this.value = value;
        this.regex = regex;
    }

    /** A matcher from its parts; for the regex operators {@code value} is compiled now. */
    public static LabelMatcher of(String name, Operator operator, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        Pattern regex = null;
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                regex = Pattern.compile("(?:" + value + ")", Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + name + operator.symbol + quote(value)
                        + ": invalid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""), e);
            }
        }
        return new LabelMatcher(name, operator, value, regex);
    }

    /**
     * Parses one matcher, e.g. {@code severity=~"critical|page"} or {@code team=db}.
     *
     * @throws IllegalArgumentException naming {@code text} when it is not a valid matcher
     */
    public static LabelMatcher parse(String text) {
        Matcher parts = SYNTAX.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("matcher " + text + ": bad format, expected label=\"value\", "
                    + "label!=\"value\", label=~\"regex\" or label!~\"regex\" (label: letters, digits, _ and :)");
        }
        String value = unescape(text, parts.group(3));
        return of(parts.group(1), Operator.ofSymbol(parts.group(2)), value);
    }

    // Alertmanager's unescaping: \" \n \\ are escapes, any other backslash is literal.
    private static String unescape(String text, String raw) {
        String rawValue = raw;
        boolean expectTrailingQuote = false;
        if (rawValue.startsWith("\"")) {
            rawValue = rawValue.substring(1);
            expectTrailingQuote = true;
        }
        StringBuilder value = new StringBuilder(rawValue.length());
        boolean escaped = false;
        int last = rawValue.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = rawValue.charAt(i);
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
            } else if (c == '\\') {
                if (i < last) {
                    escaped = true;
                } else {
                    value.append('\\');
                }
            } else if (c == '"') {
                if (!expectTrailingQuote || i < last) {
                    throw unescapedQuote(text);
                }
                expectTrailingQuote = false;
            } else {
                value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw unescapedQuote(text);
        }
        return value.toString();
    }

    private static IllegalArgumentException unescapedQuote(String text) {
        return new IllegalArgumentException("matcher " + text
                + ": the value contains an unescaped double quote or lacks its closing quote (write \\\" for a quote)");
    }

    /** Matches the alert's value of {@link #name()}; a missing (or null) label is the empty string. */
    public boolean matches(Map<String, String> labels) {
        String labelValue = labels == null ? null : labels.get(name);
        return matchesValue(labelValue == null ? "" : labelValue);
    }

    public boolean matchesValue(String labelValue) {
        return switch (operator) {
            case EQUAL -> labelValue.equals(value);
            case NOT_EQUAL -> !labelValue.equals(value);
            case REGEX -> regex.matcher(labelValue).matches();
            case NOT_REGEX -> !regex.matcher(labelValue).matches();
        };
    }

    public String name() {
        return name;
    }

    public Operator operator() {
        return operator;
    }

    /** The value after unescaping (for regex operators: the regex, unanchored, as written). */
    public String value() {
        return value;
    }

    /** The matcher in Alertmanager's canonical form, e.g. {@code severity=~"critical|page"}. */
    @Override
    public String toString() {
        return name + operator.symbol + quote(value);
    }

    // OpenMetrics escaping, as Alertmanager prints matchers
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that
                && name.equals(that.name) && operator == that.operator && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, operator, value);
    }
}
