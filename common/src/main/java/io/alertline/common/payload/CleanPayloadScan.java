package io.alertline.common.payload;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest's fast path: one streaming pass that accepts a body only when every field
 * {@link PayloadParser} checks is plainly right, and keeps only the alert names and the group
 * key. Text it does not need is skipped by the tokenizer without being decoded into strings, and
 * no map is built. Anything unusual (a wrong type, a missing field, a repeated {@code alerts},
 * {@code labels} or {@code alertname}, a syntax error) gives {@code null}: the full parser then
 * decides, so a refused body gets exactly the full parser's error, and an accepted body cannot
 * pass here that the full parser would refuse ({@code StreamingPayloadParserEquivalenceTest}
 * holds all three side by side).
 *
 * <p>Why: the full parse was the largest piece of the ingest's own CPU per request (11 % of its
 * samples at saturation, docs/PERFORMANCE.md), and the ingest itself needs only the checks.
 */
final class CleanPayloadScan {

    private final PayloadLimits limits;
    private final List<String> alertnames = new ArrayList<>();
    /** Whether some alert has no status of its own, so the group's must be firing or resolved. */
    private boolean groupStatusApplies;
    private boolean alertsSeen;
    private String groupStatus;
    private String groupKey;

    private CleanPayloadScan(PayloadLimits limits) {
        this.limits = limits;
    }

    /** The summary of a clean, valid body; {@code null} when the full parser must decide. */
    static PayloadSummary scan(JsonMapper mapper, byte[] body, PayloadLimits limits) {
        // the streaming factory's own parser: the mapper's would build a deserialization context per
        // body (its config and caches), which nothing here uses
        try (JsonParser p = mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), body)) {
            CleanPayloadScan scan = new CleanPayloadScan(limits);
            if (p.nextToken() != JsonToken.START_OBJECT || !scan.root(p) || p.nextToken() != null) {
                return null;
            }
            return scan.summary();
        } catch (JacksonException e) {
            return null;
        }
    }

    private PayloadSummary summary() {
        if (alertnames.isEmpty() || groupStatusApplies && groupStatus != null && !isStatus(groupStatus)) {
            return null;
        }
        return new PayloadSummary(alertnames, groupKey);
    }

    private boolean root(JsonParser p) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            boolean clean = switch (name) {
                case "alerts" -> !alertsSeen && token == JsonToken.START_ARRAY && alerts(p);
                case "status" -> {
                    groupStatus = token == JsonToken.VALUE_STRING ? p.getString() : null;
                    yield isTextOrNull(token);
                }
                case "groupKey" -> {
                    groupKey = token == JsonToken.VALUE_STRING ? p.getString() : null;
                    yield isTextOrNull(token);
                }
                case "receiver", "externalURL", "version" -> isTextOrNull(token);
                case "groupLabels", "commonLabels", "commonAnnotations" -> token == JsonToken.VALUE_NULL
                        || token == JsonToken.START_OBJECT && scalars(p);
                case "truncatedAlerts" -> token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0;
                default -> {
                    p.skipChildren();
                    yield true;
                }
            };
            if (!clean) {
                return false;
            }
        }
        return true;
    }

    private boolean alerts(JsonParser p) {
        alertsSeen = true;
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            if (element != JsonToken.START_OBJECT || alertnames.size() == limits.maxAlerts() || !alert(p)) {
                return false;
            }
        }
        return true;
    }

    /** One alert object; on success its name is added. */
    private boolean alert(JsonParser p) {
        String alertname = null;
        boolean ownStatus = false;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "labels" -> {
                    if (alertname != null || token != JsonToken.START_OBJECT) {
                        return false;
                    }
                    alertname = labels(p);
                    if (alertname == null) {
                        return false;
                    }
                }
                case "annotations" -> {
                    if (token != JsonToken.VALUE_NULL && (token != JsonToken.START_OBJECT || !scalars(p))) {
                        return false;
                    }
                }
                case "status" -> {
                    // the last one counts, as in the full parser; null means the group's applies
                    ownStatus = token != JsonToken.VALUE_NULL;
                    if (ownStatus && (token != JsonToken.VALUE_STRING || !isStatus(p.getString()))) {
                        return false;
                    }
                }
                case "startsAt", "endsAt", "generatorURL", "fingerprint" -> {
                    if (!isTextOrNull(token)) {
                        return false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (alertname == null) {
            return false;
        }
        groupStatusApplies |= !ownStatus;
        alertnames.add(alertname);
        return true;
    }

    /** The labels' one {@code alertname}, a non-blank string within its limit; or null. */
    private String labels(JsonParser p) {
        String alertname = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            if ("alertname".equals(name)) {
                if (alertname != null || token != JsonToken.VALUE_STRING) {
                    return null;
                }
                alertname = p.getString();
                if (alertname.isBlank() || alertname.length() > limits.maxAlertnameLength()) {
                    return null;
                }
            } else if (!isScalar(token)) {
                return null;
            }
        }
        return alertname;
    }

    /** A string map's entries, all scalars (a null is dropped by the full parser, so it passes). */
    private static boolean scalars(JsonParser p) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            if (!isScalar(p.nextToken())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isScalar(JsonToken token) {
        return token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY;
    }

    private static boolean isTextOrNull(JsonToken token) {
        return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL;
    }

    private static boolean isStatus(String status) {
        return Alert.FIRING.equals(status) || Alert.RESOLVED.equals(status);
    }
}
