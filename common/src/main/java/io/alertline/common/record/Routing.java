package io.alertline.common.record;

import java.time.Instant;

import org.apache.kafka.common.header.Headers;

/**
 * Why and how a record travels on a retry or dead-letter topic: the headers the processor adds
 * to a copy ({@link AlertlineHeaders#ROUTING}). A record on a category topic has none.
 *
 * @param attempt  the processing attempt of a retry copy; null on category topics and dead letters
 * @param notBefore earliest time a retry copy may be processed (backoff or a channel's Retry-After)
 * @param reason   {@code channel-retryable}, {@code channel-failed}, {@code invalid-record-signature}, {@code unparseable}
 * @param detail   the failure's text, secret-free ({@link AlertlineHeaders#EXCEPTION})
 * @param channels the channel(s) concerned, comma-separated
 * @param attempts attempts made before a record was dead-lettered
 */
public record Routing(Integer attempt, Instant notBefore, String reason, String detail, String channels,
        Integer attempts, String originalTopic, Integer originalPartition, Long originalOffset,
        Instant deadLetteredAt) {

    /** A record as the ingest wrote it: first attempt, nowhere else yet. */
    public static final Routing NONE = new Routing(null, null, null, null, null, null, null, null, null, null);

    /** Reason of every retry copy. */
    public static final String CHANNEL_RETRYABLE = "channel-retryable";

    /** The routing of a copy to a retry topic. */
    public static Routing retry(int nextAttempt, Instant notBefore, String channels, String detail) {
        return new Routing(nextAttempt, notBefore, CHANNEL_RETRYABLE, detail, channels, null, null, null, null, null);
    }

    /** The routing of a copy to a dead-letter topic; the origin is where a re-drive sends it back. */
    public static Routing deadLetter(String reason, String detail, String channels, int attempts, String originalTopic,
            int originalPartition, long originalOffset, Instant deadLetteredAt) {
        return new Routing(null, null, reason, detail, channels, attempts, originalTopic, originalPartition,
                originalOffset, deadLetteredAt);
    }

    /** The processing attempt: 1 unless a valid attempt header says otherwise. */
    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }

    static Routing read(Headers headers) {
        Long attempt = AlertlineHeaders.number(headers, AlertlineHeaders.ATTEMPT);
        Long notBefore = AlertlineHeaders.number(headers, AlertlineHeaders.NOT_BEFORE);
        Long attempts = AlertlineHeaders.number(headers, AlertlineHeaders.ATTEMPTS);
        Long partition = AlertlineHeaders.number(headers, AlertlineHeaders.ORIGINAL_PARTITION);
        Long deadLetteredAt = AlertlineHeaders.number(headers, AlertlineHeaders.DEAD_LETTERED_AT);
        return new Routing(positiveInt(attempt), notBefore == null ? null : Instant.ofEpochMilli(notBefore),
                AlertlineHeaders.text(headers, AlertlineHeaders.REASON),
                AlertlineHeaders.text(headers, AlertlineHeaders.EXCEPTION),
                AlertlineHeaders.text(headers, AlertlineHeaders.CHANNEL), positiveInt(attempts),
                AlertlineHeaders.text(headers, AlertlineHeaders.ORIGINAL_TOPIC),
                partition == null || partition < 0 || partition > Integer.MAX_VALUE ? null : partition.intValue(),
                AlertlineHeaders.number(headers, AlertlineHeaders.ORIGINAL_OFFSET),
                deadLetteredAt == null ? null : Instant.ofEpochMilli(deadLetteredAt));
    }

    /** Free text is cut to the record budget's allowance, so a copy of a record that fits the budget fits too. */
    void writeTo(Headers headers) {
        AlertlineHeaders.put(headers, AlertlineHeaders.ATTEMPT, attempt == null ? null : attempt.toString());
        AlertlineHeaders.put(headers, AlertlineHeaders.NOT_BEFORE, millis(notBefore));
        AlertlineHeaders.put(headers, AlertlineHeaders.REASON, reason);
        AlertlineHeaders.put(headers, AlertlineHeaders.EXCEPTION, RecordBudget.headerText(detail));
        AlertlineHeaders.put(headers, AlertlineHeaders.CHANNEL, RecordBudget.headerText(channels));
        AlertlineHeaders.put(headers, AlertlineHeaders.ATTEMPTS, attempts == null ? null : attempts.toString());
        AlertlineHeaders.put(headers, AlertlineHeaders.ORIGINAL_TOPIC, originalTopic);
        AlertlineHeaders.put(headers, AlertlineHeaders.ORIGINAL_PARTITION,
                originalPartition == null ? null : originalPartition.toString());
        AlertlineHeaders.put(headers, AlertlineHeaders.ORIGINAL_OFFSET,
                originalOffset == null ? null : originalOffset.toString());
        AlertlineHeaders.put(headers, AlertlineHeaders.DEAD_LETTERED_AT, millis(deadLetteredAt));
    }

    private static Integer positiveInt(Long value) {
        return value == null || value < 1 || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    private static String millis(Instant instant) {
        return instant == null ? null : Long.toString(instant.toEpochMilli());
    }
}
