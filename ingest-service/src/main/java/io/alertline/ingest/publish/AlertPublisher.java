package io.alertline.ingest.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.ProducerFactory;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.RequestStamp;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Writes one record per accepted request and completes only when the broker has acknowledged
 * it (acks=all). {@code Producer.send} can block its caller while metadata is missing or
 * the buffer is full, so then it is called on a bounded elastic thread, never on the event loop;
 * when neither can happen ({@link SendGate}) it is called directly, which saves a thread hand-off
 * per request. The whole publish is bounded by {@code publishTimeout} so a slow or absent broker becomes a 503
 * well inside the sender's own timeout.
 *
 * <p>The factory's shared producer is used directly, not through {@code KafkaTemplate}: per send
 * the template adds a timer sample, an observation scope, a {@code SendResult} that holds the
 * record (its body stays reachable until the ack) and a second future, none of which the ingest
 * reads; its own {@code alertline.ingest.publish.latency} times the same span.
 */
public class AlertPublisher {

    private final ProducerFactory<String, byte[]> producers;
    private final TopicNames topics;
    private final RecordSigner signer;
    private final Duration publishTimeout;
    private final Timer latency;
    private final LateSendFailures lateFailures;
    private final Scheduler sendScheduler = Schedulers.boundedElastic();
    private final SendGate gate;

    public AlertPublisher(ProducerFactory<String, byte[]> producers, TopicNames topics, RecordSigner signer,
            Duration publishTimeout, MeterRegistry registry) {
        this.producers = producers;
        this.topics = topics;
        this.signer = signer;
        this.publishTimeout = publishTimeout;
        // The producer itself is made at the first send; its settings are checked now, without
        // touching the network, so a bad one (KAFKA_MAX_IN_FLIGHT=6 with idempotence, say) stops
        // the start instead of turning every request into a 503. The gate reads Kafka's parsed
        // values (its defaults and units), the ones the producer will use.
        ProducerConfig settings = new ProducerConfig(producers.getConfigurationProperties());
        this.gate = new SendGate(settings.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG),
                settings.getInt(ProducerConfig.BATCH_SIZE_CONFIG));
        this.latency = Timer.builder("alertline.ingest.publish.latency")
                .description("Time from handing a record to the producer until the broker's ack")
                .publishPercentileHistogram()
                .register(registry);
        this.lateFailures = new LateSendFailures(registry);
    }

    public Mono<PublishReceipt> publish(AlertRecord alert) {
        return Mono.defer(() -> {
            if (gate.backlogged()) {
                return Mono.error(new ProducerBacklogException());
            }
            // signed only once it will be sent: a refused request costs no HMAC over its body
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    topics.category(alert.category()), null, alert.key(), alert.body(), headers(alert, signer));
            // counted from here, so requests still waiting for a send thread count towards the backlog too
            long reserved = gate.reserve(alert.body().length);
            AtomicBoolean claimed = new AtomicBoolean();
            long start = System.nanoTime();
            // Bounded by publishTimeout inside: a failure after it answered 503 is counted, never dropped.
            // The send hops off the event loop only when it may block (SendGate).
            Scheduler on = gate.sendMayBlock(alert.category()) ? sendScheduler : Schedulers.immediate();
            return lateFailures.guard(() -> send(record, alert.category(), reserved, claimed), on, publishTimeout)
                    .map(meta -> {
                        latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        return new PublishReceipt(meta.topic(), meta.partition(), meta.offset());
                    })
                    // never sent (cancelled or timed out while waiting for a thread): the reservation ends here
                    .doFinally(signal -> {
                        if (claimed.compareAndSet(false, true)) {
                            gate.release(reserved);
                        }
                    });
        });
    }

    /**
     * {@code send} throws rather than calls back when it cannot even start (the timeout interrupted
     * its wait for metadata, a serialization error); as a failed future that error takes the same
     * path as every other failure, and is never dropped. Otherwise, failures that Kafka reports at
     * once (metadata did not arrive within {@code max.block.ms}, a record over
     * {@code max.request.size}) come through the callback like the broker's. Exactly one of this
     * and the caller's {@code doFinally} claims the record's reservation.
     */
    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record, Category category,
            long reserved, AtomicBoolean claimed) {
        if (!claimed.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new CancellationException("abandoned before it was sent"));
        }
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            // asked each time, as the template does: the factory replaces a producer that failed fatally
            Producer<String, byte[]> producer = producers.createProducer();
            // called when the producer is done with the record, whatever the caller's timeout did meanwhile
            producer.send(record, (metadata, error) -> {
                gate.release(reserved);
                if (error == null) {
                    gate.acknowledged(category);
                    acknowledged.complete(metadata);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            gate.release(reserved);
            return CompletableFuture.failedFuture(e);
        }
        return acknowledged;
    }

    /**
     * Whether Kafka refused the record as too large: the producer itself (larger than
     * {@code max.request.size}) or the broker (larger than the topic's {@code max.message.bytes},
     * MESSAGE_TOO_LARGE); both surface as {@link RecordTooLargeException}, possibly wrapped by the
     * future. Retrying such a record can never succeed.
     */
    public static boolean isRecordTooLarge(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Iterable<Header> headers(AlertRecord alert, RecordSigner signer) {
        RequestStamp stamp = RequestStamp.signed(signer, alert.requestId(), Instant.ofEpochMilli(alert.receivedAt()),
                alert.category(), alert.clientAddress(), alert.authScheme(), alert.senderSignature(),
                alert.senderTimestamp(), alert.webhookId(), alert.body());
        return AlertEnvelope.ingested(stamp).writeTo(new RecordHeaders());
    }
}
