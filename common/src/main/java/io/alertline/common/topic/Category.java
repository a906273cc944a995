package io.alertline.common.topic;

import java.util.Locale;

/** The alert categories, one per webhook endpoint and one Kafka topic each. */
public enum Category {
    GENERIC("/webhook"),
    CRITICAL("/webhook/critical"),
    WARNING("/webhook/warning"),
    GPU("/webhook/gpu"),
    AI("/webhook/ai"),
    DATABASE("/webhook/database");

    private final String path;
    private final String id;

    Category(String path) {
        this.path = path;
        this.id = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used in topic names, headers, metrics and configuration keys. */
    public String id() {
        return id;
    }

    /** The HTTP path of the ingest endpoint. */
    public String path() {
        return path;
    }

    public static Category fromId(String id) {
        for (Category c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category: " + id);
    }
}
