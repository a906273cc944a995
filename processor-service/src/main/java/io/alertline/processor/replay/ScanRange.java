package io.alertline.processor.replay;

import java.time.Instant;

/**
 * Which records of a topic to look at: a time window on the record timestamps (the ingest's
 * send time), and/or an offset window on one partition. Null bounds are open.
 */
public record ScanRange(Instant from, Instant to, Integer partition, Long fromOffset, Long toOffset) {

    public static final ScanRange ALL = new ScanRange(null, null, null, null, null);

    public ScanRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        if ((fromOffset != null || toOffset != null) && partition == null) {
            throw new IllegalArgumentException("offsets need --partition");
        }
    }

    /** No bound at all: every record of every partition. */
    public boolean isOpen() {
        return from == null && to == null && partition == null && fromOffset == null && toOffset == null;
    }

    boolean contains(int recordPartition, long offset, long timestamp) {
        if (partition != null && partition != recordPartition) {
            return false;
        }
        if (fromOffset != null && offset < fromOffset) {
            return false;
        }
        if (toOffset != null && offset > toOffset) {
            return false;
        }
        if (from != null && timestamp < from.toEpochMilli()) {
            return false;
        }
        return to == null || timestamp < to.toEpochMilli();
    }
}
