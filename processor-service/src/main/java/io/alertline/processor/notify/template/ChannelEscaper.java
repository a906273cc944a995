package io.alertline.processor.notify.template;

import com.samskivert.mustache.Mustache;

/**
 * Alert text is data, not markup: every {@code {{value}}} a template writes is escaped for the
 * channel's markup by the template engine itself, so no template has to remember to (a
 * {@code {{{triple}}}} opts out, on purpose). URLs the model has already made safe
 * ({@link TemplateModel#safeUrl}) pass through, so links keep working.
 */
public enum ChannelEscaper implements Mustache.Escaper {

    /** Slack mrkdwn reads {@code <…>} as links and mentions ({@code <!channel>}); {@code &} starts an entity. */
    SLACK {
        @Override
        String escapeCodePoint(int cp) {
            return switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
        }
    },
    /**
     * Discord markdown: emphasis, code, spoilers, masked links, quotes, headings and lists are
     * backslash-escaped (Discord shows the character itself), and a zero-width space after
     * {@code @} defuses {@code @everyone}; the payload also sets {@code allowed_mentions} empty.
     */
    DISCORD {
        @Override
        String escapeCodePoint(int cp) {
            return switch (cp) {
                case '\\', '*', '_', '~', '`', '|', '[', ']', '>', '#', '-', '<' -> "\\" + (char) cp;
                case '@' -> "@\u200B";
                default -> null;
            };
        }
    },
    /** Telegram's HTML parse mode rejects a whole message over one stray {@code <} or {@code &}. */
    TELEGRAM {
        @Override
        String escapeCodePoint(int cp) {
            return switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
        }
    };

    /** @return the escape for this code point, null to keep it as it is */
    abstract String escapeCodePoint(int cp);

    @Override
    public String escape(String raw) {
        if (TemplateModel.isSafeUrl(raw)) {
            return this == DISCORD ? raw : escapeUrlForMarkup(raw);
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            String escaped = escapeCodePoint(cp);
            if (escaped != null && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += Character.charCount(cp);
        }
        return out == null ? raw : out.toString();
    }

    /** Slack and Telegram still want {@code &} as an entity inside a link. */
    private String escapeUrlForMarkup(String url) {
        return url.replace("&", "&amp;");
    }

    /** "slack", "discord", "telegram". */
    public static ChannelEscaper forChannel(String channel) {
        return valueOf(channel.toUpperCase(java.util.Locale.ROOT));
    }
}
