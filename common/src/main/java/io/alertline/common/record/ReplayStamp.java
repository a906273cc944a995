package io.alertline.common.record;

import org.apache.kafka.common.header.Headers;

/**
 * An operator's replay or re-drive of a record: its id, mode and the replay signature made with
 * the record-signing key ({@link RecordSigner#signReplay}). Without a valid signature the
 * processor treats the record as a plain redelivery.
 *
 * @param mode null when the header is absent or names a mode this version does not know
 */
public record ReplayStamp(String id, ReplayMode mode, String signature) {

    /** A record nobody replayed. */
    public static final ReplayStamp NONE = new ReplayStamp(null, null, null);

    /**
     * The stamp of a copy of the record with {@code requestId}; unsigned (so never honoured)
     * when the record has no usable request id to bind the signature to.
     */
    public static ReplayStamp signed(RecordSigner signer, String id, ReplayMode mode, String requestId) {
        boolean signable = requestId != null && requestId.indexOf('\n') < 0;
        return new ReplayStamp(id, mode, signable ? signer.signReplay(id, mode.id(), requestId) : null);
    }

    /** Whether the record carries replay headers at all, honoured or not. */
    public boolean present() {
        return id != null;
    }

    /** Whether the replay signature binds this id and mode to the record's request id. Constant-time. */
    public boolean authorised(RecordSigner signer, String requestId) {
        return id != null && mode != null && signer.verifyReplay(id, mode.id(), requestId, signature);
    }

    static ReplayStamp read(Headers headers) {
        return new ReplayStamp(AlertlineHeaders.text(headers, AlertlineHeaders.REPLAY_ID),
                ReplayMode.fromId(AlertlineHeaders.text(headers, AlertlineHeaders.REPLAY_MODE)),
                AlertlineHeaders.text(headers, AlertlineHeaders.REPLAY_SIGNATURE));
    }

    void writeTo(Headers headers) {
        AlertlineHeaders.put(headers, AlertlineHeaders.REPLAY_ID, id);
        AlertlineHeaders.put(headers, AlertlineHeaders.REPLAY_MODE, mode == null ? null : mode.id());
        AlertlineHeaders.put(headers, AlertlineHeaders.REPLAY_SIGNATURE, signature);
    }
}
