package io.alertline.processor.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One chat message: the alerts of one request (an Alertmanager group) that go to one target, with
 * the group's context. Like Alertmanager's own integrations, a group is one message, however many
 * alerts it holds; the title follows Alertmanager's default subject (REFERENCE.md).
 *
 * @param groupLabels  the labels Alertmanager grouped by, sorted by name
 * @param commonLabels the labels every alert of the group shares, sorted by name
 * @param externalURL  Alertmanager's own address, null when the sender gave none
 * @param dropped      alerts the sender left out of the group ({@code truncatedAlerts})
 */
public record GroupMessage(String requestId, String category, String receiver, Map<String, String> groupLabels,
        Map<String, String> commonLabels, String externalURL, List<AlertMessage> alerts, int dropped) {

    public GroupMessage {
        groupLabels = sorted(groupLabels);
        commonLabels = sorted(commonLabels);
        receiver = VisibleText.of(receiver);
        externalURL = AlertText.isBlank(externalURL) ? null : stripSlash(VisibleText.of(externalURL).strip());
        alerts = List.copyOf(alerts);
        dropped = Math.max(0, dropped);
    }

    /** A message about one alert, with no group around it (a Grafana or hand-made body). */
    public static GroupMessage single(AlertMessage alert) {
        return new GroupMessage(alert.requestId(), alert.category(), null, Map.of(), Map.of(), null, List.of(alert), 0);
    }

    public int firingCount() {
        return (int) alerts.stream().filter(a -> !AlertText.resolved(a)).count();
    }

    public int resolvedCount() {
        return alerts.size() - firingCount();
    }

    /** How loud the message is, for a channel's colour: the worst firing alert, or resolved once none fires. */
    public enum Level { CRITICAL, WARNING, OTHER, RESOLVED }

    public Level level() {
        Level level = Level.RESOLVED;
        for (AlertMessage a : alerts) {
            if (AlertText.resolved(a)) {
                continue;
            }
            if (AlertText.critical(a)) {
                return Level.CRITICAL;
            }
            level = AlertText.warning(a) || level == Level.WARNING ? Level.WARNING : Level.OTHER;
        }
        return level;
    }

    /** "firing" while any alert of the message fires, else "resolved" (Alertmanager's group status). */
    public String status() {
        return firingCount() > 0 ? "firing" : "resolved";
    }

    /**
     * {@code [FIRING:3] DiskFilling (db1 critical)}; {@code [RESOLVED] …}; a mixed message says
     * {@code [FIRING:2, RESOLVED:1] …}. The name is the group labels' values, then the common
     * labels that are not group labels, in brackets; without either, the alert names.
     */
    public String title() {
        int firing = firingCount();
        int resolved = resolvedCount();
        String counts = firing == 0 ? "RESOLVED" : resolved == 0 ? "FIRING:" + firing
                : "FIRING:" + firing + ", RESOLVED:" + resolved;
        StringBuilder title = new StringBuilder("[").append(counts).append(']');
        List<String> names = new ArrayList<>(groupLabels.values());
        List<String> extra = new ArrayList<>();
        commonLabels.forEach((k, v) -> {
            if (!groupLabels.containsKey(k)) {
                extra.add(v);
            }
        });
        if (names.isEmpty() && extra.isEmpty()) {
            alerts.stream().map(a -> AlertText.orMissing(a.alertname())).distinct().limit(3).forEach(names::add);
        }
        if (!names.isEmpty()) {
            title.append(' ').append(String.join(" ", names));
        }
        if (!extra.isEmpty()) {
            title.append(" (").append(String.join(" ", extra)).append(')');
        }
        return title.toString();
    }

    /** The group in Alertmanager's UI: {@code <externalURL>/#/alerts?receiver=<receiver>}; null without externalURL. */
    public String alertmanagerURL() {
        if (externalURL == null) {
            return null;
        }
        return AlertText.isBlank(receiver) ? externalURL + "/#/alerts"
                : externalURL + "/#/alerts?receiver=" + encode(receiver);
    }

    /**
     * A new silence in Alertmanager's UI, pre-filled with the group's labels (the common labels
     * when the sender did not group): {@code <externalURL>/#/silences/new?filter={a="b",c="d"}},
     * percent-encoded. Null without externalURL or labels to match on.
     */
    public String silenceURL() {
        Map<String, String> matchers = groupLabels.isEmpty() ? commonLabels : groupLabels;
        if (externalURL == null || matchers.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        matchers.forEach((k, v) -> parts.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return externalURL + "/#/silences/new?filter=" + encode("{" + String.join(",", parts) + "}");
    }

    private static String encode(String text) {
        // the UI decodes with decodeURIComponent, which does not turn '+' back into a space
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> out.put(VisibleText.of(k), VisibleText.of(v == null ? "" : v)));
        }
        return Collections.unmodifiableMap(out);
    }
}
