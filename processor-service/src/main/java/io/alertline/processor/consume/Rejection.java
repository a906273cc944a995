package io.alertline.processor.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.topic.Category;

/**
 * A record the gate will not let anything act on: it goes to the dead-letter topic and gets a
 * {@code rejected} outcome.
 *
 * @param detail secret-free text for the outcome and the dead letter's exception header
 */
public record Rejection(ConsumerRecord<String, byte[]> record, Category category, AlertEnvelope envelope,
        DeadLetterReason reason, String detail) implements Admission {
}
