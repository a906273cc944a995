package io.alertline.processor.outcome;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the record an outcome is about was read: the outcome's {@code source}, and a replay's address. */
public record RecordSource(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset) {

    public static RecordSource of(ConsumerRecord<?, ?> record) {
        return new RecordSource(record.topic(), record.partition(), record.offset());
    }

    /** How logs name the record, and outcomes whose record had no request id: {@code topic-partition@offset}. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
