package io.alertline.processor.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of an alert (or a record); {@link #id()} is the JSON value and the metric tag. */
public enum OutcomeResult {
    /** Every action reached an end: the alert's work is done. */
    PROCESSED("processed", OutcomeKind.ALERT),
    /** A channel failed retryably; the retry topic holds the next attempt. */
    RETRYING("retrying", OutcomeKind.ALERT),
    /** A channel failed for good or ran out of attempts; the record went to the dead-letter topic. */
    DEAD_LETTERED("dead_lettered", OutcomeKind.ALERT),
    /** Written (and acknowledged) just before a recovery script starts, so a crash mid-run never runs it twice. */
    IN_PROGRESS("in_progress", OutcomeKind.ALERT),
    /** The same alert was already finished inside the dedup window; nothing was done. */
    DUPLICATE("duplicate", OutcomeKind.DUPLICATE),
    /** The record failed its signature check or could not be parsed; nothing was done. */
    REJECTED("rejected", OutcomeKind.REJECTED),
    /**
     * Kafka refused the record's retry or dead-letter copy for good (too large, invalid topic,
     * not authorized, …): the reason says which copy and why, the source names the record. The
     * offset was committed past it; an operator can replay it from the source once fixed.
     */
    UNCOPYABLE("uncopyable", OutcomeKind.UNCOPYABLE);

    private final String id;
    private final OutcomeKind kind;

    OutcomeResult(String id, OutcomeKind kind) {
        this.id = id;
        this.kind = kind;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public OutcomeKind kind() {
        return kind;
    }

    /** The alert's work is done: a later delivery of it is a duplicate. */
    public boolean finished() {
        return this == PROCESSED || this == DEAD_LETTERED;
    }

    @JsonCreator
    public static OutcomeResult fromId(String id) {
        for (OutcomeResult result : values()) {
            if (result.id.equals(id)) {
                return result;
            }
        }
        throw new IllegalArgumentException("unknown outcome result: " + id);
    }
}
