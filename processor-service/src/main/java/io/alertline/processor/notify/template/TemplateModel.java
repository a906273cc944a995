package io.alertline.processor.notify.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.AlertText;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.Truncation;

/**
 * What a template sees (documented in the README): the group, its links, and the first
 * {@code shown} alerts, each field capped so that one alert always fits a message and the
 * {@link MessageRenderer} can fit the rest by showing fewer alerts. Every key is always present
 * (null when unknown), so a misspelt name in a template is an error at start-up, not a silent gap.
 */
public final class TemplateModel {

    static final int SUMMARY_CAP = 300;
    static final int DESCRIPTION_CAP = 600;
    static final int VALUE_CAP = 128;
    static final int URL_CAP = 1024;
    /** What {@link #safeUrl} keeps as it is, besides ASCII letters and digits: nothing any channel's markup reads. */
    static final String URL_PUNCTUATION = ".:/?#=&%+,;!$-";

    private TemplateModel() {
    }

    public static Map<String, Object> of(GroupMessage group, int shown) {
        Map<String, Object> m = new HashMap<>();
        int firing = group.firingCount();
        int resolved = group.resolvedCount();
        m.put("title", cap(group.title(), VALUE_CAP));
        m.put("status", group.status());
        m.put("firing", firing);
        m.put("resolved", resolved);
        m.put("mixed", firing > 0 && resolved > 0);
        m.put("category", group.category());
        m.put("receiver", group.receiver());
        m.put("groupLabels", pairs(group.groupLabels()));
        m.put("commonLabels", pairs(group.commonLabels()));
        m.put("externalURL", safeUrl(group.externalURL()));
        m.put("alertmanagerURL", safeUrl(group.alertmanagerURL()));
        m.put("silenceURL", safeUrl(group.silenceURL()));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertMessage a : group.alerts().subList(0, Math.min(shown, group.alerts().size()))) {
            alerts.add(alert(a));
        }
        m.put("alerts", alerts);
        int more = group.alerts().size() - alerts.size() + group.dropped();
        m.put("more", more);
        m.put("hasMore", more > 0);
        return m;
    }

    private static Map<String, Object> alert(AlertMessage a) {
        Map<String, Object> m = new HashMap<>();
        boolean resolved = AlertText.resolved(a);
        m.put("status", AlertText.orMissing(a.status()));
        m.put("isResolved", resolved);
        m.put("isFiring", !resolved);
        m.put("headline", cap(AlertText.headline(a), VALUE_CAP));
        m.put("alertname", cap(AlertText.orMissing(a.alertname()), VALUE_CAP));
        m.put("severity", cap(AlertText.orMissing(a.severity()), VALUE_CAP));
        m.put("severityLevel", level(a));
        m.put("isCritical", !resolved && AlertText.critical(a));
        m.put("isWarning", !resolved && AlertText.warning(a));
        m.put("summary", blankToNull(cap(a.summary(), SUMMARY_CAP)));
        m.put("description", blankToNull(cap(a.description(), DESCRIPTION_CAP)));
        m.put("service", cap(AlertText.orMissing(a.service()), VALUE_CAP));
        m.put("category", cap(AlertText.orMissing(a.category()), VALUE_CAP));
        m.put("instance", cap(AlertText.orMissing(a.instance()), VALUE_CAP));
        m.put("time", AlertText.time(a.time()));
        m.put("timeLabel", AlertText.timeLabel(a));
        m.put("generatorURL", safeUrl(a.generatorURL()));
        m.put("labels", pairs(a.labels()));
        return m;
    }

    /** "critical", "warning", "resolved" or "other": for templates that pick an emoji or a colour word. */
    private static String level(AlertMessage a) {
        if (AlertText.resolved(a)) {
            return "resolved";
        }
        if (AlertText.critical(a)) {
            return "critical";
        }
        return AlertText.warning(a) ? "warning" : "other";
    }

    private static List<Map<String, Object>> pairs(Map<String, String> labels) {
        List<Map<String, Object>> out = new ArrayList<>(labels.size());
        labels.forEach((k, v) -> out.add(Map.of("name", cap(k, VALUE_CAP), "value", cap(v, VALUE_CAP))));
        return out;
    }

    /**
     * An http(s) URL with every character that some chat markup reads ({@code | < > ( ) [ ] * _ ~ `}
     * quotes, spaces, {@code @}, non-ASCII) percent-encoded, which keeps it the same address; null
     * for other schemes (a {@code javascript:} link has no business in a chat) or absurd lengths.
     */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || u.length() > URL_CAP) {
            return null;
        }
        StringBuilder out = new StringBuilder(u.length() + 16);
        for (byte b : u.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || URL_PUNCTUATION.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** Whether {@code text} is what {@link #safeUrl} makes: an http(s) URL of only characters no markup reads. */
    static boolean isSafeUrl(String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || !Character.isLetterOrDigit(c) && URL_PUNCTUATION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String cap(String text, int limit) {
        return text == null ? null : Truncation.fit(text.strip(), limit);
    }

    private static String blankToNull(String text) {
        return AlertText.isBlank(text) ? null : text;
    }
}
