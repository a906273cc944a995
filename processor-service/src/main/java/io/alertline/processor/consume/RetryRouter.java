package io.alertline.processor.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;

/**
 * Moves a record to its category's retry topic (with the next attempt number and the earliest
 * time to try it) or to its dead-letter topic (with the reason, failure, channel and attempts).
 * The value and the ingest's headers travel unchanged, so signatures still verify and a
 * re-drive is the same record again. The caller waits for the returned acks before it commits
 * the source offset; a copy Kafka refuses for good is handled by the {@link CopyFailurePolicy}
 * rather than holding that offset forever. Free-text headers are cut to the record budget's
 * allowance, so a copy of a record that fits the budget fits too.
 */
public class RetryRouter {

    private final KafkaTemplate<String, byte[]> template;
    private final TopicNames topics;
    private final Clock clock;
    private final CopyFailurePolicy copyFailures;

    public RetryRouter(KafkaTemplate<String, byte[]> template, TopicNames topics, Clock clock,
            CopyFailurePolicy copyFailures) {
        this.template = template;
        this.topics = topics;
        this.clock = clock;
        this.copyFailures = copyFailures;
    }

    public CompletableFuture<?> retry(ConsumerRecord<String, byte[]> record, Category category, int nextAttempt, long notBeforeMillis,
            String channels, String detail) {
        Headers headers = carriedHeaders(record);
        add(headers, io.alertline.common.record.RecordHeaders.ATTEMPT, Integer.toString(nextAttempt));
        add(headers, io.alertline.common.record.RecordHeaders.NOT_BEFORE, Long.toString(notBeforeMillis));
        add(headers, io.alertline.common.record.RecordHeaders.REASON, "channel-retryable");
        add(headers, io.alertline.common.record.RecordHeaders.CHANNEL, RecordBudget.headerText(channels));
        add(headers, io.alertline.common.record.RecordHeaders.EXCEPTION, RecordBudget.headerText(detail));
        String topic = topics.retry(category);
        return copyFailures.guard(() -> template.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)),
                record, category, CopyFailurePolicy.CopyKind.RETRY, topic);
    }

    public CompletableFuture<?> deadLetter(ConsumerRecord<String, byte[]> record, Category category, String reason, String detail,
            String channels, int attempts) {
        Headers headers = carriedHeaders(record);
        add(headers, io.alertline.common.record.RecordHeaders.REASON, reason);
        add(headers, io.alertline.common.record.RecordHeaders.EXCEPTION, RecordBudget.headerText(detail));
        add(headers, io.alertline.common.record.RecordHeaders.CHANNEL, RecordBudget.headerText(channels));
        add(headers, io.alertline.common.record.RecordHeaders.ATTEMPTS, Integer.toString(attempts));
        add(headers, io.alertline.common.record.RecordHeaders.ORIGINAL_TOPIC, topics.category(category));
        add(headers, io.alertline.common.record.RecordHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, io.alertline.common.record.RecordHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, io.alertline.common.record.RecordHeaders.DEAD_LETTERED_AT, Long.toString(clock.millis()));
        String topic = topics.deadLetter(category);
        return copyFailures.guard(() -> template.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)),
                record, category, CopyFailurePolicy.CopyKind.DEAD_LETTER, topic);
    }

    private static Headers carriedHeaders(ConsumerRecord<String, byte[]> record) {
        Headers headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!io.alertline.common.record.RecordHeaders.ROUTING.contains(h.key())) {
                headers.add(h);
            }
        }
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

}
