package io.alertline.processor.notify;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The words every channel shares, so a Slack, Discord and Telegram message about one alert carry
 * the same information and the same fallbacks. Returns raw text; each channel escapes it for its
 * own markup.
 */
public final class AlertText {

    /** Shown instead of a missing value: chat services reject empty fields, and "null" helps nobody. */
    public static final String MISSING = "n/a";

    private AlertText() {
    }

    public static String orMissing(String value) {
        return isBlank(value) ? MISSING : value.strip();
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Anything but an explicit "resolved" is treated as firing: a false alarm beats a lost one. */
    public static boolean resolved(AlertMessage m) {
        return m.status() != null && m.status().strip().equalsIgnoreCase("resolved");
    }

    public static boolean critical(AlertMessage m) {
        return severity(m).equals("critical");
    }

    public static boolean warning(AlertMessage m) {
        return severity(m).equals("warning");
    }

    /** "Alert" or "Resolved": the label in front of the alert name. */
    public static String headlineLabel(AlertMessage m) {
        return resolved(m) ? "Resolved" : "Alert";
    }

    /** "Alert: HighCPUUsage" / "Resolved: HighCPUUsage". */
    public static String headline(AlertMessage m) {
        return headlineLabel(m) + ": " + orMissing(m.alertname());
    }

    /** "Started" for a firing alert's time, "Ended" for a resolved one's. */
    public static String timeLabel(AlertMessage m) {
        return resolved(m) ? "Ended" : "Started";
    }

    /** ISO-8601 UTC to the second (Alertmanager's nanoseconds are noise in chat), null if unknown. */
    public static String time(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String severity(AlertMessage m) {
        return m.severity() == null ? "" : m.severity().strip().toLowerCase(Locale.ROOT);
    }
}
