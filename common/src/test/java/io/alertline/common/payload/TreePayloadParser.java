package io.alertline.common.payload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference for {@link PayloadParser}: the tree-based parser it replaced (docs/PERFORMANCE.md),
 * kept only so {@code StreamingPayloadParserEquivalenceTest} can check the streaming one gives the
 * same payload, or the same error, for every body it is shown.
 *
 * <p>Parses and validates a webhook body in one pass over the JSON tree.
 *
 * <p>The body must be strict UTF-8 ({@link StrictUtf8}) before Jackson sees it. Beyond that it
 * rejects only what cannot be processed: no {@code alerts} array, an alert without
 * {@code labels.alertname}, values of the wrong JSON type, absurd sizes. Unknown fields, unknown
 * labels and unknown severities pass, because Alertmanager sends a whole group at once and one
 * odd alert must not bounce the others. Scalars where strings are expected (a numeric label
 * value) are kept as their text. The records are built by hand from the tree so the hot path
 * does no reflective binding.
 */
final class TreePayloadParser {

    private static final String FIELD_REQUIRED = "Field required";

    private final JsonMapper mapper;
    private final PayloadLimits limits;

    TreePayloadParser(JsonMapper mapper, PayloadLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    TreePayloadParser() {
        this(JsonMapper.builder().build(), PayloadLimits.DEFAULT);
    }

    public WebhookPayload parse(byte[] body) {
        int invalid = StrictUtf8.firstInvalidByte(body);
        if (invalid >= 0) {
            throw new PayloadValidationException("body", body[invalid] == 0
                    ? "Not UTF-8: NUL byte at offset " + invalid + " (UTF-16 and UTF-32 are refused; RFC 8259 requires UTF-8)"
                    : "Not UTF-8: invalid byte sequence at offset " + invalid + " (RFC 8259 requires UTF-8)");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new PayloadValidationException("body", "Invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PayloadValidationException("body", "Empty body");
        }
        if (!root.isObject()) {
            throw new PayloadValidationException("body", "Must be a JSON object");
        }
        JsonNode alertsNode = root.get("alerts");
        if (alertsNode == null || alertsNode.isNull()) {
            throw new PayloadValidationException("alerts", FIELD_REQUIRED);
        }
        if (!alertsNode.isArray()) {
            throw new PayloadValidationException("alerts", "Must be an array");
        }
        if (alertsNode.isEmpty()) {
            throw new PayloadValidationException("alerts", "Must contain at least one alert");
        }
        if (alertsNode.size() > limits.maxAlerts()) {
            throw new PayloadValidationException("alerts",
                    "Too many alerts: " + alertsNode.size() + " (limit " + limits.maxAlerts() + ")");
        }
        String groupStatus = optionalText(root, "status", "status");
        List<Alert> alerts = new ArrayList<>(alertsNode.size());
        for (int i = 0; i < alertsNode.size(); i++) {
            alerts.add(alert(alertsNode.get(i), "alerts[" + i + "]", groupStatus));
        }
        return new WebhookPayload(
                optionalText(root, "receiver", "receiver"),
                groupStatus,
                alerts,
                stringMap(root.get("groupLabels"), "groupLabels"),
                stringMap(root.get("commonLabels"), "commonLabels"),
                stringMap(root.get("commonAnnotations"), "commonAnnotations"),
                optionalText(root, "externalURL", "externalURL"),
                optionalText(root, "version", "version"),
                optionalText(root, "groupKey", "groupKey"),
                truncatedAlerts(root.get("truncatedAlerts")));
    }

    private Alert alert(JsonNode node, String path, String groupStatus) {
        if (node == null || !node.isObject()) {
            throw new PayloadValidationException(path, "Must be an object");
        }
        JsonNode labelsNode = node.get("labels");
        if (labelsNode == null || labelsNode.isNull()) {
            throw new PayloadValidationException(path + ".labels", FIELD_REQUIRED);
        }
        Map<String, String> labels = stringMap(labelsNode, path + ".labels");
        String alertname = labels.get("alertname");
        if (alertname == null || alertname.isBlank()) {
            throw new PayloadValidationException(path + ".labels.alertname", FIELD_REQUIRED);
        }
        if (alertname.length() > limits.maxAlertnameLength()) {
            throw new PayloadValidationException(path + ".labels.alertname",
                    "Too long (limit " + limits.maxAlertnameLength() + " characters)");
        }
        String status = optionalText(node, "status", path + ".status");
        if (status == null) {
            status = groupStatus != null ? groupStatus : Alert.FIRING;
        }
        if (!Alert.FIRING.equals(status) && !Alert.RESOLVED.equals(status)) {
            throw new PayloadValidationException(path + ".status", "Must be 'firing' or 'resolved'");
        }
        return new Alert(
                status,
                labels,
                stringMap(node.get("annotations"), path + ".annotations"),
                optionalText(node, "startsAt", path + ".startsAt"),
                optionalText(node, "endsAt", path + ".endsAt"),
                optionalText(node, "generatorURL", path + ".generatorURL"),
                optionalText(node, "fingerprint", path + ".fingerprint"));
    }

    private static String optionalText(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new PayloadValidationException(path, "Must be a string");
        }
        return value.stringValue();
    }

    private static Map<String, String> stringMap(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new PayloadValidationException(path, "Must be an object");
        }
        Map<String, String> map = new LinkedHashMap<>(Math.max(4, node.size() * 2));
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainer()) {
                throw new PayloadValidationException(path + "." + entry.getKey(), "Must be a string");
            }
            map.put(entry.getKey(), value.asString());
        }
        return Collections.unmodifiableMap(map);
    }

    private static int truncatedAlerts(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new PayloadValidationException("truncatedAlerts", "Must be a non-negative integer");
        }
        return node.intValue();
    }
}
