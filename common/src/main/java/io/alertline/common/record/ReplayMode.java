package io.alertline.common.record;

/**
 * How an operator re-published a record ({@link AlertlineHeaders#REPLAY_MODE}). The processor
 * honours a mode only under a valid replay signature ({@link ReplayStamp#authorised}).
 */
public enum ReplayMode {
    /** Re-published; dedup stays in force, so only alerts not already finished are acted on. */
    REPLAY("replay"),
    /** Dedup bypassed on purpose: the alerts' work is done again. */
    FORCE("force"),
    /** A dead letter sent back: channels that failed for good are tried again, the others stay done. */
    REDRIVE("redrive");

    private final String id;

    ReplayMode(String id) {
        this.id = id;
    }

    /** The header value; a stable wire value, signed into the replay signature. */
    public String id() {
        return id;
    }

    /** The mode a header names; null for none or one this version does not know. */
    public static ReplayMode fromId(String id) {
        for (ReplayMode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        return null;
    }
}
