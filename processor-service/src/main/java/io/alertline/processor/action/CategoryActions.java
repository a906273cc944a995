package io.alertline.processor.action;

import java.util.LinkedHashMap;
import java.util.Map;

import io.alertline.common.payload.Alert;

/**
 * The seed's documented per-category results ({@code gpu_alert}, {@code ai_alert},
 * {@code database_alert}), taken from labels first and annotations second. Absent facts are
 * left out rather than written as null.
 */
public final class CategoryActions {

    private CategoryActions() {
    }

    public static Map<String, Object> gpu(Alert alert) {
        Map<String, Object> result = new LinkedHashMap<>();
        put(result, "gpu_id", fact(alert, "gpu_id"));
        put(result, "component", fact(alert, "component"));
        result.put("action_taken", alert.isFiring() ? "Monitored for recovery" : "Marked resolved");
        return result;
    }

    public static Map<String, Object> ai(Alert alert) {
        Map<String, Object> result = new LinkedHashMap<>();
        put(result, "model", fact(alert, "model"));
        Number latency = number(fact(alert, "latency_ms"));
        if (latency != null) {
            result.put("latency_ms", latency);
        }
        result.put("action", alert.isFiring() ? "Logged for optimization" : "Marked resolved");
        return result;
    }

    public static Map<String, Object> database(Alert alert) {
        Map<String, Object> result = new LinkedHashMap<>();
        put(result, "database", fact(alert, "database"));
        put(result, "connections", fact(alert, "connections"));
        result.put("action", alert.isFiring() ? "Logged for monitoring" : "Marked resolved");
        return result;
    }

    static String fact(Alert alert, String name) {
        String value = alert.label(name);
        return value != null && !value.isBlank() ? value : alert.annotation(name);
    }

    static Number number(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim().replace("ms", "").trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(trimmed);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
