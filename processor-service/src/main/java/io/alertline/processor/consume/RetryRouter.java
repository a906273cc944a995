package io.alertline.processor.consume;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.Routing;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;

/**
 * The Kafka {@link RecordRouter}: moves a record to its category's retry topic (with the next
 * attempt number and the earliest time to try it) and/or to its dead-letter topic (with the
 * reason, failure, channels, attempts and origin). The value and the ingest's headers travel
 * unchanged ({@link AlertEnvelope#routedCopy}), so signatures still verify and a re-drive is the
 * same record again. The caller waits for the returned acks before it commits the source
 * offset; a copy Kafka refuses for good is handled by the {@link CopyFailurePolicy} rather than
 * holding that offset forever.
 *
 * <p>Own retry topics rather than spring-kafka's {@code @RetryableTopic}: a retry here is per
 * channel of a record (channels that succeeded are never re-sent, and the attempt count and
 * state travel in our headers), and copies must keep the ingest's signed headers and fit the
 * record budget; {@code @RetryableTopic} retries a whole listener call per topic/delay tier.
 */
public class RetryRouter implements RecordRouter {

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

    @Override
    public List<CompletableFuture<?>> route(ConsumerRecord<String, byte[]> record, Category category,
            Disposition disposition) {
        List<CompletableFuture<?>> acks = new ArrayList<>(2);
        Disposition.Retry retry = disposition.retry();
        if (retry != null) {
            acks.add(copy(record, category, CopyFailurePolicy.CopyKind.RETRY, topics.retry(category),
                    Routing.retry(retry.nextAttempt(), retry.notBefore(), joined(retry.channels()), retry.detail())));
        }
        Disposition.DeadLetter dead = disposition.deadLetter();
        if (dead != null) {
            acks.add(copy(record, category, CopyFailurePolicy.CopyKind.DEAD_LETTER, topics.deadLetter(category),
                    Routing.deadLetter(dead.reason().id(), dead.detail(), joined(dead.channels()), dead.attempts(),
                            topics.category(category), record.partition(), record.offset(), clock.instant())));
        }
        return acks;
    }

    private CompletableFuture<?> copy(ConsumerRecord<String, byte[]> record, Category category,
            CopyFailurePolicy.CopyKind kind, String topic, Routing routing) {
        return copyFailures.guard(() -> template.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                AlertEnvelope.routedCopy(record.headers(), routing))), record, category, kind, topic);
    }

    private static String joined(List<String> channels) {
        return channels.isEmpty() ? null : String.join(",", channels);
    }
}
