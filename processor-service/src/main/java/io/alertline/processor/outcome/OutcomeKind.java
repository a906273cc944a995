package io.alertline.processor.outcome;

/**
 * What an outcome document is about, which decides its key on the compacted topic and whether
 * the dedup index keeps it. Follows from the result ({@link OutcomeResult#kind()}), so it is not
 * a field of its own in the JSON; the key prefixes of the other kinds are spelled only in
 * {@link OutcomeDocument}'s factories.
 */
public enum OutcomeKind {
    /** One alert's own state, keyed by its idempotency key: the dedup memory. */
    ALERT,
    /** A resend of an alert already finished; keyed by request and idempotency key, so it never replaces the alert's state. */
    DUPLICATE,
    /** A record not acted on (signature or parse failure); keyed by its source position. */
    REJECTED,
    /** A record whose retry or dead-letter copy Kafka refused for good; keyed by the copy and source position. */
    UNCOPYABLE
}
