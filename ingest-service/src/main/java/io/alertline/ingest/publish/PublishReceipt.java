package io.alertline.ingest.publish;

/** Where Kafka stored a record, once the broker acknowledged it. */
public record PublishReceipt(String topic, int partition, long offset) {
}
