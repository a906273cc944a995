package io.alertline.processor.consume;

/**
 * Why the processor sends a record to a dead-letter topic ({@code alertline-reason}); a closed
 * set, so also a metric tag.
 */
public enum DeadLetterReason {
    /** A channel failed for good, or ran out of attempts. */
    CHANNEL_FAILED("channel-failed"),
    /** The ingest's record signature is missing or does not verify: nothing is acted on. */
    INVALID_RECORD_SIGNATURE("invalid-record-signature"),
    /** Signed, but not a payload we can read. */
    UNPARSEABLE("unparseable");

    private final String id;

    DeadLetterReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
