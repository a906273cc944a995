package io.alertline.processor.consume;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordBudget;
import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.outcome.OutcomeWriter;
import io.alertline.processor.outcome.RecordSource;

/**
 * What happens when Kafka refuses a retry or dead-letter copy of a record. A refusal that will
 * never go away (the copy is too large, the topic name is invalid, we may not write there, the
 * record cannot be serialized) would otherwise hold the source offset forever and stall every
 * later record of the partition: instead it is recorded as an {@code uncopyable} outcome that
 * names the source record and the reason, counted, logged once, and the offset moves on.
 *
 * <p>Anything else (timeouts, Kafka's retriable errors, anything not known to be permanent)
 * still fails the copy, so the offset is held and the record is tried again: nothing is lost
 * to a broker that is merely away.
 */
public class CopyFailurePolicy {

    /** Which copy failed; also the metric's {@code copy} tag. */
    public enum CopyKind {
        RETRY("retry"), DEAD_LETTER("dead-letter");

        private final String id;

        CopyKind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CopyFailurePolicy.class);

    /** Refusals that no retry can change; a closed list, so it also bounds the metric's {@code reason} tag. */
    private static final List<Class<? extends Throwable>> PERMANENT = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, AuthorizationException.class,
            SerializationException.class, InvalidRecordException.class);

    private final OutcomeWriter writer;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final String instanceId;

    public CopyFailurePolicy(OutcomeWriter writer, ProcessorMetrics metrics, Clock clock, String instanceId) {
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = instanceId;
        // Every refusal series exists from the start, so the first one is seen by increase().
        metrics.registerUncopyable(Arrays.stream(CopyKind.values()).map(CopyKind::id).toList(),
                PERMANENT.stream().map(Class::getSimpleName).toList());
    }

    /**
     * The copy's ack as the source offset should wait for it: completes when the copy is
     * written, or when a permanent refusal is recorded as an outcome (which Kafka must
     * acknowledge in turn); fails when the refusal may be temporary.
     */
    public CompletableFuture<?> guard(Supplier<CompletableFuture<?>> send, ConsumerRecord<String, byte[]> record,
            Category category, CopyKind kind, String targetTopic) {
        CompletableFuture<?> copy;
        try {
            copy = send.get();
        } catch (RuntimeException e) {
            // KafkaTemplate throws a refusal the producer made on the spot (a record over
            // max.request.size) instead of failing the future.
            copy = CompletableFuture.failedFuture(e);
        }
        // Async: a broker's refusal completes the future on the producer's I/O thread, which must
        // not be the one to send (and maybe block on) the outcome.
        return copy.<Object>thenApply(ack -> ack).exceptionallyComposeAsync(failure -> {
            Throwable permanent = permanentCause(failure);
            if (permanent == null) {
                return CompletableFuture.<Object>failedFuture(failure);
            }
            return recordUncopyable(record, category, kind, targetTopic, permanent);
        });
    }

    private CompletableFuture<Object> recordUncopyable(ConsumerRecord<String, byte[]> record, Category category,
            CopyKind kind, String targetTopic, Throwable refusal) {
        String reason = reasonOf(refusal);
        AlertEnvelope envelope = AlertEnvelope.read(record.headers());
        String requestId = envelope.requestId();
        String why = RecordBudget.headerText(kind.id() + " copy to " + targetTopic + " can never be written ("
                + refusal.getClass().getSimpleName() + "): " + refusal.getMessage());
        OutcomeDocument doc = OutcomeDocument.uncopyable(kind.id(), RecordSource.of(record), requestId, category,
                envelope.request().receivedAt(), envelope.routing().attemptNumber(), why, clock.instant(), instanceId);
        // Counted and logged once Kafka holds the outcome: if that write fails, the record comes
        // back and this runs again, and it must not count twice.
        return writer.send(doc).<Object>thenApply(ack -> {
            metrics.uncopyable(category, kind.id(), reason);
            log.warn("record {}-{}@{} (request {}): {}; recorded as an '{}' outcome and skipped", record.topic(),
                    record.partition(), record.offset(), requestId, why, OutcomeResult.UNCOPYABLE.id());
            return ack;
        });
    }

    /** The first cause in the chain that is a known permanent refusal; null if there is none. */
    static Throwable permanentCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (reasonOf(t) != null) {
                return t;
            }
        }
        return null;
    }

    /** The {@link #PERMANENT} entry a refusal belongs to, by its simple name (bounded); null if none. */
    private static String reasonOf(Throwable t) {
        for (Class<? extends Throwable> permanent : PERMANENT) {
            if (permanent.isInstance(t)) {
                return permanent.getSimpleName();
            }
        }
        return null;
    }
}
