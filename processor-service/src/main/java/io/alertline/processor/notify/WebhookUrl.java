package io.alertline.processor.notify;

import java.net.URI;

/**
 * Parses a configured webhook/API URL without ever echoing it: {@link URI#create}'s exception
 * quotes its input, and for a chat webhook that input is the credential.
 */
public final class WebhookUrl {

    private WebhookUrl() {
    }

    /** Null for a null or blank value (channel not configured); otherwise an absolute http(s) URI. */
    public static URI parse(String channel, String value) {
        if (AlertText.isBlank(value)) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (Exception e) {
            throw new IllegalArgumentException(channel + ": configured URL is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(channel + ": configured URL must be an absolute http(s) URL");
        }
        return uri;
    }
}
