package io.alertline.processor.outcome;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes an outcome with acks=all and waits for the ack: the caller commits the source offset
 * only after this returns, which is what makes actions effectively-once.
 */
public class OutcomeWriter {

    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final OutcomeCodec codec;
    private final OutcomeIndex index;

    public OutcomeWriter(KafkaTemplate<String, byte[]> template, String topic, OutcomeCodec codec, OutcomeIndex index) {
        this.template = template;
        this.topic = topic;
        this.codec = codec;
        this.index = index;
    }

    /** Writes one outcome and waits for the ack (the marker written before a recovery script starts). */
    public void write(OutcomeDocument doc) {
        PendingWrites pending = begin();
        pending.remember(doc);
        pending.await();
    }

    /** A new batch: its outcomes are sent as they come and awaited together. */
    public PendingWrites begin() {
        return new PendingWrites(index, this);
    }

    /**
     * Sends one outcome on its own and returns its ack, for writes a batch's offsets must wait
     * for that are not the alerts' own outcomes (a copy that could not be written).
     */
    public CompletableFuture<?> send(OutcomeDocument doc) {
        return template.send(new ProducerRecord<>(topic, doc.key(), codec.encode(doc)));
    }

    /** Kafka did not take the outcome; the record is not committed and will be redelivered. */
    public static class OutcomeWriteException extends RuntimeException {
        public OutcomeWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
