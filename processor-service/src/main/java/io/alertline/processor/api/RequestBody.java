package io.alertline.processor.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.alertline.common.topic.Category;
import tools.jackson.databind.JsonNode;

/**
 * An admin request's JSON body, read strictly: a JSON object, only the fields the operation
 * knows, each of its own type. A field the API does not know is most likely a typo of a
 * criterion ({@code "categry"}), and ignoring it would widen the operation to everything; a
 * value of the wrong type is not guessed at either. Every problem is an
 * {@link IllegalArgumentException} (a 400), never a server error. An explicit {@code null}
 * counts as absent.
 */
final class RequestBody {

    private static final int MAX_ECHO = 64;
    private static final String CATEGORY_IDS = Arrays.stream(Category.values()).map(Category::id)
            .collect(Collectors.joining(", "));

    private final JsonNode body;

    private RequestBody(JsonNode body) {
        this.body = body;
    }

    static RequestBody of(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + echo(name) + "\"; known: "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        return new RequestBody(body);
    }

    private JsonNode value(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    String text(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.stringValue();
    }

    boolean flag(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return node.booleanValue();
    }

    Integer partition(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, 0 or more");
        }
        return node.intValue();
    }

    Long offset(String field) {
        JsonNode node = value(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, 0 or more");
        }
        return node.longValue();
    }

    Instant instant(String field) {
        String text = text(field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }

    /** {@code "categories": [ids]} or {@code "category": id}, not both; empty when neither. */
    List<Category> categories() {
        JsonNode many = value("categories");
        String one = text("category");
        if (many != null && one != null) {
            throw new IllegalArgumentException("give category or categories, not both");
        }
        if (one != null) {
            return List.of(category(one));
        }
        if (many == null) {
            return List.of();
        }
        if (!many.isArray() || many.isEmpty()) {
            throw new IllegalArgumentException("categories must be a non-empty array of category names");
        }
        List<Category> categories = new ArrayList<>();
        for (JsonNode node : many.values()) {
            if (!node.isString()) {
                throw new IllegalArgumentException("categories must be a non-empty array of category names");
            }
            categories.add(category(node.stringValue()));
        }
        return categories;
    }

    static Category category(String id) {
        for (Category c : Category.values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("category must be one of " + CATEGORY_IDS + "; not \"" + echo(id) + "\"");
    }

    /** Caller text in an error message: short, and one line. */
    private static String echo(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= MAX_ECHO ? line : line.substring(0, MAX_ECHO) + "…";
    }
}
