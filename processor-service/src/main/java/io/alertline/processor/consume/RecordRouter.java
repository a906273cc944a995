package io.alertline.processor.consume;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.topic.Category;

/** Carries out a record's {@link Disposition}: the one place records leave for retry and dead-letter topics. */
public interface RecordRouter {

    /** @return the acks the record's offset must wait for; empty when the record is processed */
    List<CompletableFuture<?>> route(ConsumerRecord<String, byte[]> record, Category category, Disposition disposition);
}
