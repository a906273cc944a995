package io.alertline.processor.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every configured secret (webhook URLs, bot token, and the path part of the URLs) in a
 * text with "&lt;redacted&gt;" — used on every message that could carry one (as Alertmanager's
 * notifiers do).
 *
 * <p>For chat webhooks the URL <em>is</em> the credential, and error texts tend to quote it in
 * part: a proxy's "Cannot POST /api/webhooks/1/abc", a log of the path alone. So each URL also
 * contributes its path, and each long path segment (the token parts; short ones like
 * "services" or "webhooks" are not secret and redacting them would garble every message).
 */
public final class SecretRedactor {

    public static final String REDACTED = "<redacted>";
    /** Slack's and Discord's secret segments and Telegram's token are all far longer than this. */
    private static final int MIN_SECRET_SEGMENT = 16;

    private final List<String> secrets;

    public SecretRedactor(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        if (secrets != null) {
            for (String secret : secrets) {
                if (secret != null && !secret.isBlank()) {
                    addWithParts(all, secret.strip());
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        // longest first, so a whole URL becomes one marker instead of "https://host<redacted>"
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    private static void addWithParts(Set<String> all, String secret) {
        addEncodings(all, secret);
        URI uri;
        try {
            uri = new URI(secret);
        } catch (Exception e) {
            return;
        }
        if (uri.getScheme() == null || uri.getRawPath() == null) {
            return;
        }
        String path = uri.getRawPath();
        if (path.length() > 1) {
            addEncodings(all, path);
            addEncodings(all, uri.getPath());
        }
        for (String segment : path.split("/")) {
            if (segment.length() >= MIN_SECRET_SEGMENT) {
                addEncodings(all, segment);
            }
        }
    }

    // a token may reach a text percent-encoded (Telegram's "123:ABC" as "123%3AABC")
    private static void addEncodings(Set<String> all, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        all.add(value);
        all.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
