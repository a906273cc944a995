package io.alertline.common.topic;

/**
 * Kafka topic names, from one configurable prefix (default {@code alerts}): category topics
 * {@code alerts.<category>}, their retry and dead-letter topics, and the compacted outcome topic.
 */
public record TopicNames(String prefix) {

    public static final String DEFAULT_PREFIX = "alerts";
    public static final TopicNames DEFAULT = new TopicNames(DEFAULT_PREFIX);

    public TopicNames {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix must match [A-Za-z0-9._-]+");
        }
    }

    public String category(Category category) {
        return prefix + "." + category.id();
    }

    public String retry(Category category) {
        return category(category) + ".retry";
    }

    public String deadLetter(Category category) {
        return category(category) + ".dlt";
    }

    public String outcomes() {
        return prefix + ".outcomes";
    }

    /** Who replayed or re-drove what, when: one JSON document per operation. */
    public String audit() {
        return prefix + ".audit";
    }

    /** The category a category topic belongs to, or null for any other topic. */
    public Category categoryOf(String topic) {
        for (Category c : Category.values()) {
            if (category(c).equals(topic)) {
                return c;
            }
        }
        return null;
    }
}
