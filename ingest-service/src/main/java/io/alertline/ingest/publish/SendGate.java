package io.alertline.ingest.publish;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.alertline.common.topic.Category;

/**
 * Decides whether {@code KafkaProducer.send} may be called on the event loop. It blocks its
 * caller in exactly two cases: the topic's metadata is not cached (it then waits for it, up to
 * {@code max.block.ms}), or the producer's buffer has no room (it waits for room). The hop to
 * another thread that avoids that costs a task hand-off and a thread wake-up per request, so it
 * is taken only when one of the two could happen:
 *
 * <ul>
 * <li>metadata: a category counts as known while the broker acknowledged one of its records in
 * the last {@link #METADATA_FRESH_NANOS} (the producer keeps a topic's metadata for
 * {@code metadata.max.idle.ms}, 5 minutes, after its last send, and never drops it on refresh);
 * after a start, a quiet spell or an outage, sends hop until an ack arrives again;</li>
 * <li>buffer: every record in flight is counted at what it can take from the buffer at most (its
 * own size plus header room, and never less than one batch), and sends hop once that sum is past
 * half of {@code buffer.memory}. A broker outage therefore moves every send off the event loop
 * long before the buffer could fill.</li>
 * </ul>
 *
 * <p>The same count bounds the ingest's memory when the broker falls behind: past
 * {@link #BACKLOG_BUFFERS} times {@code buffer.memory} of records in flight (counted as above, so
 * about 2,000 requests of our size with the default 8 MiB, a broker two seconds behind at
 * 1,000 req/s), a new request is refused at once (503) instead of
 * joining a queue of waiting requests, each holding its body, that would grow with the arrival
 * rate until the publish timeout (at 1,000 req/s and a broker seconds behind, more than a small
 * heap holds).
 */
final class SendGate {

    static final long METADATA_FRESH_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Room for the record's headers, key and batch overhead: generous, the ingest's headers are ~350 bytes. */
    static final int RECORD_OVERHEAD_BYTES = 4096;
    /**
     * The backlog limit in buffers' worth of records in flight. Not 1: a record is counted as at
     * least a whole batch, which many small records share in reality, and one buffer's worth
     * refused requests in the first benchmark run while the broker was merely slow (docs/PERFORMANCE.md).
     */
    static final int BACKLOG_BUFFERS = 4;

    private final long backlogBytes;
    private final long directBudgetBytes;
    private final int batchSize;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLongArray lastAckNanos = new AtomicLongArray(Category.values().length);

    SendGate(long bufferMemory, int batchSize) {
        this.backlogBytes = BACKLOG_BUFFERS * bufferMemory;
        this.directBudgetBytes = bufferMemory / 2;
        this.batchSize = batchSize;
        long longAgo = System.nanoTime() - 2 * METADATA_FRESH_NANOS;
        for (int i = 0; i < lastAckNanos.length(); i++) {
            lastAckNanos.set(i, longAgo);
        }
    }

    /** Counts a record as in flight; returns what to {@link #release} when the producer is done with it. */
    long reserve(int bodyBytes) {
        long bytes = Math.max((long) bodyBytes + RECORD_OVERHEAD_BYTES, batchSize);
        inFlightBytes.addAndGet(bytes);
        return bytes;
    }

    void release(long reserved) {
        inFlightBytes.addAndGet(-reserved);
    }

    void acknowledged(Category category) {
        lastAckNanos.set(category.ordinal(), System.nanoTime());
    }

    /** Whether the records in flight are past the backlog limit: the broker is not keeping up. */
    boolean backlogged() {
        return inFlightBytes.get() > backlogBytes;
    }

    /**
     * Whether send() could block now. The record about to be sent is already counted (reserved
     * before this question, so requests waiting for a send thread count too); the budget's other
     * half is the room for concurrent callers.
     */
    boolean sendMayBlock(Category category) {
        return System.nanoTime() - lastAckNanos.get(category.ordinal()) > METADATA_FRESH_NANOS
                || inFlightBytes.get() > directBudgetBytes;
    }
}
