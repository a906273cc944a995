package io.alertline.processor.consume;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.logging.FailureSummary;

/**
 * What the log says about rejected records. One line per record would let a wrong
 * {@code RECORD_SIGNING_KEY} or a flood of forgeries fill the log, so bad signatures go to
 * {@link SignatureRejections} (a summary a minute, and readiness) and unparseable records to a
 * per-minute {@link FailureSummary}; each record is still on a DEBUG line, in metrics and in
 * its {@code rejected} outcome.
 */
public class RejectionLog {

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);

    private final SignatureRejections signatures;
    private final FailureSummary unparseable = new FailureSummary(log, "records rejected as unparseable",
            Duration.ofMinutes(1));

    public RejectionLog(SignatureRejections signatures) {
        this.signatures = signatures;
    }

    void rejected(ConsumerRecord<?, ?> record, DeadLetterReason reason, String detail) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (reason == DeadLetterReason.INVALID_RECORD_SIGNATURE) {
            signatures.record(record);
            log.debug("record {} rejected ({}): {}", where, reason.id(), detail);
        } else {
            unparseable.record("record " + where + ": " + detail);
        }
    }
}
