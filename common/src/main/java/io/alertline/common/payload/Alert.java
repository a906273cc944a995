package io.alertline.common.payload;

import java.util.Map;

/**
 * One alert of an Alertmanager (v4) or Grafana (v1) webhook group. Label and annotation values
 * are kept as text; fields we do not model stay in the raw body, which travels verbatim.
 */
public record Alert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        String startsAt,
        String endsAt,
        String generatorURL,
        String fingerprint) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public Alert {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }

    public String alertname() {
        return labels.get("alertname");
    }

    public String label(String name) {
        return labels.get(name);
    }

    public String annotation(String name) {
        return annotations.get(name);
    }

    /** Alertmanager sets {@code endsAt} on firing alerts too, so only {@code status} tells. */
    public boolean isFiring() {
        return FIRING.equals(status);
    }
}
