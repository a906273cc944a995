package io.alertline.processor.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    public void write(OutcomeDocument doc) {
        writeAll(List.of(doc));
    }

    /** Sends all, then waits for all: one round trip for the alerts of a group, not one each. */
    public void writeAll(List<OutcomeDocument> docs) {
        List<CompletableFuture<?>> acks = new ArrayList<>(docs.size());
        for (OutcomeDocument doc : docs) {
            acks.add(template.send(new ProducerRecord<>(topic, doc.key(), codec.encode(doc))));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutcomeWriteException("interrupted while writing outcomes", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new OutcomeWriteException("could not write outcomes: " + e, e);
        }
        docs.forEach(index::remember);
    }

    /** Kafka did not take the outcome; the record is not committed and will be redelivered. */
    public static class OutcomeWriteException extends RuntimeException {
        public OutcomeWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
