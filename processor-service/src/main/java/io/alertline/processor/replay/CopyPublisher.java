package io.alertline.processor.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.record.ReplayStamp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes the copies of a replay or re-drive, then (only if Kafka took at least one) its audit
 * entry. A copy Kafka refuses is skipped, listed and counted; the others still go out, so one
 * oversized record can no longer fail a whole replay after its audit entry was written.
 *
 * <p>A copy is the original value and headers, less routing and earlier replay headers, plus the
 * replay id, mode and replay signature: all fixed-size, so a copy outgrows its original by at
 * most {@link RecordBudget#COPY_HEADER_BYTES}, and the producer takes anything up to
 * {@link RecordBudget#maxRecordBytes()}.
 */
public class CopyPublisher {

    private static final Logger log = LoggerFactory.getLogger(CopyPublisher.class);
    /** Past the producer's own delivery timeout (30 s), so every send has completed one way or the other. */
    private static final long ACK_WAIT_SECONDS = 60;
    /** The operations that publish copies ({@code ReplayService}); with {@link CopyRefusal}, the skipped counter's tags. */
    static final List<String> OPERATIONS = List.of("replay", "redrive");

    /** What Kafka took and what it did not; {@code auditError} is set when the audit entry could not be written. */
    public record Result(List<ConsumerRecord<String, byte[]>> copied, List<SkippedCopy> skipped, boolean audited,
            String auditError) {
    }

    private final Map<String, Object> producerConfig;
    private final RecordSigner signer;
    private final MeterRegistry registry;

    /** @param producerConfig the processor's producer settings (security included); delivery is pinned here */
    public CopyPublisher(Map<String, Object> producerConfig, RecordBudget budget, RecordSigner signer,
            MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, budget.maxRecordBytes());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producerConfig = Map.copyOf(config);
        this.signer = signer;
        this.registry = registry;
        // Every series at zero from the start, so an alert sees the first skipped copy.
        for (String operation : OPERATIONS) {
            for (CopyRefusal refusal : CopyRefusal.values()) {
                skippedCounter(operation, refusal);
            }
        }
    }

    /**
     * Copies {@code selected} to {@code target(record)}, waits for Kafka's answer to each, and
     * writes {@code auditEntry(copied, skipped)} to {@code auditTopic} when anything was copied.
     */
    public Result publish(String operation, String id, ReplayMode mode, List<ConsumerRecord<String, byte[]>> selected,
            Function<ConsumerRecord<String, byte[]>, String> target, String auditTopic,
            AuditEntry auditEntry) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(selected.size());
            for (ConsumerRecord<String, byte[]> r : selected) {
                ReplayStamp replay = ReplayStamp.signed(signer, id, mode, AlertEnvelope.read(r.headers()).requestId());
                acks.add(producer.send(new ProducerRecord<>(target.apply(r), null, r.key(), r.value(),
                        AlertEnvelope.replayCopy(r.headers(), replay))));
            }
            List<ConsumerRecord<String, byte[]>> copied = new ArrayList<>();
            List<SkippedCopy> skipped = new ArrayList<>();
            for (int i = 0; i < selected.size(); i++) {
                ConsumerRecord<String, byte[]> r = selected.get(i);
                Throwable failure = failureOf(acks.get(i));
                if (failure == null) {
                    copied.add(r);
                } else {
                    CopyRefusal refusal = CopyRefusal.of(failure);
                    skipped.add(new SkippedCopy(r.topic(), r.partition(), r.offset(),
                            AlertEnvelope.read(r.headers()).requestId(), refusal.id(),
                            RecordBudget.headerText(String.valueOf(failure.getMessage()))));
                    skippedCounter(operation, refusal).increment();
                    log.warn("{} {}: no copy of {}-{}@{} ({}): {}", operation, id, r.topic(), r.partition(),
                            r.offset(), refusal.id(), failure.toString());
                }
            }
            if (copied.isEmpty()) {
                return new Result(copied, skipped, false, null);
            }
            byte[] entry = auditEntry.of(copied, skipped);
            Throwable auditFailure = failureOf(producer.send(new ProducerRecord<>(auditTopic, id, entry)));
            if (auditFailure != null) {
                // The copies are out: answering with an error would invite a second replay. Say so
                // instead, and keep the entry in the log so the trail is not lost.
                log.error("{} {}: audit entry not written ({}); entry: {}", operation, id, auditFailure.toString(),
                        new String(entry, StandardCharsets.UTF_8));
                return new Result(copied, skipped, false, RecordBudget.headerText(auditFailure.toString()));
            }
            return new Result(copied, skipped, true, null);
        }
    }

    /** Builds the audit entry from what was actually copied and skipped. */
    @FunctionalInterface
    public interface AuditEntry {
        byte[] of(List<ConsumerRecord<String, byte[]>> copied, List<SkippedCopy> skipped);
    }

    private Counter skippedCounter(String operation, CopyRefusal refusal) {
        return Counter.builder("alertline.processor.replay.skipped")
                .description("Records a replay or re-drive selected but Kafka did not take a copy of, by reason")
                .tag("operation", operation).tag("reason", refusal.id()).register(registry);
    }

    /** Null when Kafka took the record; else why not. */
    private static Throwable failureOf(Future<RecordMetadata> ack) {
        try {
            ack.get(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
