package io.alertline.common.payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A webhook body as one streaming pass reads it: the fields {@link PayloadParser} knows, each
 * holding its text, its map, or a marker for a value of the wrong JSON type; nothing judged yet.
 * The whole document is always read to its end, so a syntax error anywhere wins over any
 * validation error, as it did when a tree was built first. Unknown fields are skipped without
 * being built, and alerts past the limit are only counted.
 */
final class RawPayload {

    /** A value of the wrong JSON type where text or an object was expected. */
    static final Object WRONG_TYPE = new Object();
    /** An entry of a string map whose value was an object or an array. */
    static final Object CONTAINER = new Object();
    /** An entry of a string map whose value was JSON null (skipped, as the tree parser did). */
    static final Object NULL_VALUE = new Object();

    /** One alert: a map of {@code labels}/{@code annotations}, or WRONG_TYPE, or null when absent or null. */
    record Alert(boolean object, Object labels, Object annotations, Object status, Object startsAt,
            Object endsAt, Object generatorURL, Object fingerprint) {
        static final Alert NOT_AN_OBJECT = new Alert(false, null, null, null, null, null, null, null);
    }

    /** Empty body, or a root that is JSON null. */
    boolean empty;
    boolean rootIsObject;
    /** The alerts read (at most the limit plus one), or WRONG_TYPE, or null when absent or null. */
    Object alerts;
    int alertCount;
    Object status;
    Object receiver;
    Object externalURL;
    Object version;
    Object groupKey;
    Object groupLabels;
    Object commonLabels;
    Object commonAnnotations;
    /** An Integer of at least 0, WRONG_TYPE, or null when absent or null. */
    Object truncatedAlerts;

    static RawPayload read(JsonParser p, int keepAlerts) {
        RawPayload raw = new RawPayload();
        JsonToken root = p.nextToken();
        if (root == null || root == JsonToken.VALUE_NULL) {
            raw.empty = true;
        } else if (root == JsonToken.START_OBJECT) {
            raw.rootIsObject = true;
            raw.readRoot(p, keepAlerts);
        } else {
            p.skipChildren();
        }
        return raw;
    }

    private void readRoot(JsonParser p, int keepAlerts) {
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "alerts" -> readAlerts(p, token, keepAlerts);
                case "status" -> status = text(p, token);
                case "receiver" -> receiver = text(p, token);
                case "externalURL" -> externalURL = text(p, token);
                case "version" -> version = text(p, token);
                case "groupKey" -> groupKey = text(p, token);
                case "groupLabels" -> groupLabels = map(p, token);
                case "commonLabels" -> commonLabels = map(p, token);
                case "commonAnnotations" -> commonAnnotations = map(p, token);
                case "truncatedAlerts" -> truncatedAlerts = count(p, token);
                default -> p.skipChildren();
            }
        }
    }

    private void readAlerts(JsonParser p, JsonToken token, int keepAlerts) {
        alertCount = 0;
        if (token == JsonToken.VALUE_NULL) {
            alerts = null;
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            alerts = WRONG_TYPE;
            return;
        }
        List<Alert> list = new ArrayList<>();
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            if (++alertCount > keepAlerts) {
                p.skipChildren(); // past the limit: counted for the error, never built
            } else if (element == JsonToken.START_OBJECT) {
                list.add(readAlert(p));
            } else {
                p.skipChildren();
                list.add(Alert.NOT_AN_OBJECT);
            }
        }
        alerts = list;
    }

    private static Alert readAlert(JsonParser p) {
        Object labels = null;
        Object annotations = null;
        Object status = null;
        Object startsAt = null;
        Object endsAt = null;
        Object generatorURL = null;
        Object fingerprint = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "labels" -> labels = map(p, token);
                case "annotations" -> annotations = map(p, token);
                case "status" -> status = text(p, token);
                case "startsAt" -> startsAt = text(p, token);
                case "endsAt" -> endsAt = text(p, token);
                case "generatorURL" -> generatorURL = text(p, token);
                case "fingerprint" -> fingerprint = text(p, token);
                default -> p.skipChildren();
            }
        }
        return new Alert(true, labels, annotations, status, startsAt, endsAt, generatorURL, fingerprint);
    }

    /** A string, null for JSON null, or WRONG_TYPE. */
    private static Object text(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        return WRONG_TYPE;
    }

    /** Entries in document order (a repeated name keeps its first place and its last value), or WRONG_TYPE. */
    private static Object map(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return WRONG_TYPE;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            map.put(name, scalar(p, p.nextToken()));
        }
        return map;
    }

    /** A scalar as the tree parser's {@code asString()} wrote it: numbers and booleans as their text. */
    private static Object scalar(JsonParser p, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> p.getString();
            case VALUE_NULL -> NULL_VALUE;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> p.getNumberValue().toString();
            case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
            default -> {
                p.skipChildren();
                yield CONTAINER;
            }
        };
    }

    private static Object count(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                && p.getIntValue() >= 0) {
            return p.getIntValue();
        }
        p.skipChildren();
        return WRONG_TYPE;
    }
}
