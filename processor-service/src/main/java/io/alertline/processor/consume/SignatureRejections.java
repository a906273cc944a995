package io.alertline.processor.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.logging.FailureSummary;

/**
 * Records this processor refused because their ingest signature did not verify. One such record
 * is a forgery or a copy to the wrong topic; a steady stream is almost always a
 * {@code RECORD_SIGNING_KEY} that differs from the ingest's, and then every alert is dropped while
 * its sender got a 200. So they are summarised in the log (one WARN a minute, with a count) and
 * shown on readiness: how many, since when, and the last one's topic, partition and offset.
 */
public class SignatureRejections {

    private static final Logger log = LoggerFactory.getLogger(SignatureRejections.class);

    /** A snapshot for health: {@code count} 0 means none since start (the other fields are then null). */
    public record Summary(long count, Instant since, Instant lastAt, String lastRecord) {
    }

    private final Clock clock;
    private final FailureSummary summary;
    private volatile Summary current = new Summary(0, null, null, null);

    public SignatureRejections(Clock clock, Duration logEvery) {
        this.clock = clock;
        this.summary = new FailureSummary(log, "records rejected for an invalid record signature (is "
                + "RECORD_SIGNING_KEY the same as the ingest's?)", logEvery);
    }

    public void record(ConsumerRecord<?, ?> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        Instant now = clock.instant();
        synchronized (this) {
            Summary before = current;
            current = new Summary(before.count() + 1, before.since() == null ? now : before.since(), now, where);
        }
        summary.record("last " + where);
    }

    public Summary summary() {
        return current;
    }
}
