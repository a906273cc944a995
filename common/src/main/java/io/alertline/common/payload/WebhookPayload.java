package io.alertline.common.payload;

import java.util.List;
import java.util.Map;

/** An Alertmanager-style webhook group (Alertmanager's version "4", Grafana's "1"). */
public record WebhookPayload(
        String receiver,
        String status,
        List<Alert> alerts,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        String version,
        String groupKey,
        int truncatedAlerts) {

    public WebhookPayload {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        commonLabels = commonLabels == null ? Map.of() : commonLabels;
        commonAnnotations = commonAnnotations == null ? Map.of() : commonAnnotations;
    }
}
