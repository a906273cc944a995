package io.alertline.processor.notify.route;

import java.util.Optional;

/** The chat services a notification target can be; {@link #id()} is the name used in the routes file. */
public enum ChannelType {
    SLACK("slack"),
    DISCORD("discord"),
    TELEGRAM("telegram");

    private final String id;

    ChannelType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The type whose {@link #id()} is exactly {@code id} (lower case, as written in the routes file). */
    public static Optional<ChannelType> fromId(String id) {
        for (ChannelType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
