package io.alertline.processor.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.payload.WebhookPayload;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.ReplayStamp;
import io.alertline.common.topic.Category;

/**
 * The first stage: nothing acts on a record the ingest did not sign for the category of the
 * topic it was read from, or whose body does not parse. Replay headers count only under a
 * valid replay signature; otherwise the record is a plain redelivery, so someone who can merely
 * write to the topic cannot bypass dedup.
 */
public class RecordGate {

    private static final Logger log = LoggerFactory.getLogger(RecordGate.class);

    private final RecordSigner signer;
    private final PayloadParser parser;

    public RecordGate(RecordSigner signer, PayloadParser parser) {
        this.signer = signer;
        this.parser = parser;
    }

    public Admission admit(ConsumerRecord<String, byte[]> record, Category category) {
        return admit(record, category, AlertEnvelope.read(record.headers()));
    }

    /** With the record's headers already read (the pipeline reads them once, for the log context too). */
    public Admission admit(ConsumerRecord<String, byte[]> record, Category category, AlertEnvelope envelope) {
        if (!envelope.request().verifies(signer, category, record.value())) {
            return new Rejection(record, category, envelope, DeadLetterReason.INVALID_RECORD_SIGNATURE,
                    "record signature missing or invalid; not acted on");
        }
        WebhookPayload payload;
        try {
            payload = parser.parse(record.value());
        } catch (PayloadValidationException e) {
            return new Rejection(record, category, envelope, DeadLetterReason.UNPARSEABLE,
                    e.field() + ": " + e.getMessage());
        }
        ReplayStamp replay = envelope.replay();
        if (replay.authorised(signer, envelope.requestId())) {
            return new AdmittedRecord(record, category, envelope, payload, replay.id(), replay.mode());
        }
        if (replay.present()) {
            log.warn("record {}-{}@{} carries replay id {} without a valid replay signature: treated as a plain "
                    + "redelivery", record.topic(), record.partition(), record.offset(), replay.id());
        }
        return new AdmittedRecord(record, category, envelope, payload, null, null);
    }
}
