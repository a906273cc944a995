package io.alertline.processor.replay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.consume.AlertRecordProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's tools over the log: replay category records, list dead letters, re-drive them.
 * Every re-published record is the original value and ingest headers (so its record signature
 * still verifies) plus a replay id, mode and a replay signature made with the record-signing
 * key: the processor honours {@code force} (dedup bypassed) and {@code redrive} (failed channels
 * retried) only from someone holding that key. Every operation that changed something is
 * written to the audit topic.
 */
public class ReplayService {

    private static final int MAX_RECORDS = 100_000;

    private final Map<String, Object> kafka;
    private final TopicNames topics;
    private final RecordSigner signer;
    private final TopicScanner scanner;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PayloadParser parser = new PayloadParser();

    public ReplayService(Map<String, Object> kafkaConfig, TopicNames topics, RecordSigner signer, Clock clock) {
        this.kafka = kafkaConfig;
        this.topics = topics;
        this.signer = signer;
        this.scanner = new TopicScanner(kafkaConfig);
        this.clock = clock;
    }

    /** Replays the matching records of the given category topics (all categories when empty). */
    public ReplayReport replay(Collection<Category> categories, ScanRange range, RecordFilter filter, boolean force,
            boolean dryRun, String actor) {
        String id = UUID.randomUUID().toString();
        String mode = force ? AlertRecordProcessor.REPLAY_FORCE : AlertRecordProcessor.REPLAY;
        List<ConsumerRecord<String, byte[]>> selected = new ArrayList<>();
        for (Category category : orAll(categories)) {
            selected.addAll(scanner.scan(topics.category(category), range, filter, MAX_RECORDS));
        }
        List<ReplayedRecord> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : selected) {
            records.add(describe(r, r.topic()));
        }
        Map<String, Object> criteria = criteria(categories, range, filter);
        criteria.put("force", force);
        ReplayReport report = new ReplayReport(id, "replay", mode, actor, clock.instant().toString(), dryRun, criteria,
                records.size(), records);
        if (!dryRun) {
            republish(selected, id, mode, r -> r.topic(), report);
        }
        return report;
    }

    /** Dead letters of one category (all when null), with why they are there. */
    public ReplayReport deadLetters(Category category, RecordFilter filter, int limit) {
        List<ReplayedRecord> records = new ArrayList<>();
        for (Category c : category == null ? List.of(Category.values()) : List.of(category)) {
            for (ConsumerRecord<String, byte[]> r : scanner.scan(topics.deadLetter(c), ScanRange.ALL, filter, limit)) {
                records.add(describe(r, targetOf(r, c)));
            }
        }
        Map<String, Object> criteria = criteria(category == null ? List.of() : List.of(category), ScanRange.ALL, filter);
        return new ReplayReport(null, "dead-letters", null, null, clock.instant().toString(), true, criteria,
                records.size(), records);
    }

    /**
     * Sends dead letters of a category back to their source topic. An empty filter and range
     * re-drive the whole dead-letter topic only when {@code all} says so, never by accident.
     */
    public ReplayReport redrive(Category category, ScanRange range, RecordFilter filter, boolean all, boolean dryRun,
            String actor) {
        if (!all && filter.isEmpty() && range.partition() == null && range.from() == null && range.to() == null) {
            throw new IllegalArgumentException("choose what to re-drive (request id, reason, alertname, partition/offset, "
                    + "time range) or say --all");
        }
        String id = UUID.randomUUID().toString();
        List<ConsumerRecord<String, byte[]>> selected = scanner.scan(topics.deadLetter(category), range, filter,
                MAX_RECORDS);
        List<ReplayedRecord> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : selected) {
            records.add(describe(r, targetOf(r, category)));
        }
        Map<String, Object> criteria = criteria(List.of(category), range, filter);
        criteria.put("all", all);
        ReplayReport report = new ReplayReport(id, "redrive", AlertRecordProcessor.REPLAY_REDRIVE, actor,
                clock.instant().toString(), dryRun, criteria, records.size(), records);
        if (!dryRun) {
            republish(selected, id, AlertRecordProcessor.REPLAY_REDRIVE, r -> targetOf(r, category), report);
        }
        return report;
    }

    /** Latest audit entries, newest first. */
    public List<Map<String, Object>> audit(int limit) {
        List<ConsumerRecord<String, byte[]>> all = scanner.scan(topics.audit(), ScanRange.ALL, RecordFilter.NONE,
                MAX_RECORDS);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && entries.size() < limit; i--) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = json.readValue(all.get(i).value(), Map.class);
            entries.add(entry);
        }
        return entries;
    }

    private String targetOf(ConsumerRecord<String, byte[]> record, Category category) {
        String original = RecordFilter.header(record, io.alertline.common.record.RecordHeaders.ORIGINAL_TOPIC);
        // Only ever back onto a category topic: a forged header must not aim a record anywhere else.
        return original != null && topics.categoryOf(original) == category ? original : topics.category(category);
    }

    private void republish(List<ConsumerRecord<String, byte[]>> selected, String id, String mode,
            java.util.function.Function<ConsumerRecord<String, byte[]>, String> target, ReplayReport report) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : selected) {
                String requestId = RecordFilter.header(r, io.alertline.common.record.RecordHeaders.REQUEST_ID);
                Headers headers = new RecordHeaders();
                for (Header h : r.headers()) {
                    if (!io.alertline.common.record.RecordHeaders.ROUTING.contains(h.key())
                            && !io.alertline.common.record.RecordHeaders.REPLAY.contains(h.key())) {
                        headers.add(h);
                    }
                }
                add(headers, io.alertline.common.record.RecordHeaders.REPLAY_ID, id);
                add(headers, io.alertline.common.record.RecordHeaders.REPLAY_MODE, mode);
                if (requestId != null && requestId.indexOf('\n') < 0) {
                    add(headers, io.alertline.common.record.RecordHeaders.REPLAY_SIGNATURE,
                            signer.signReplay(id, mode, requestId));
                }
                acks.add(producer.send(new ProducerRecord<>(target.apply(r), null, r.key(), r.value(), headers)));
            }
            acks.add(producer.send(new ProducerRecord<>(topics.audit(), id, json.writeValueAsBytes(report))));
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-publishing", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the re-published records: " + e.getMessage(), e);
        }
    }

    private ReplayedRecord describe(ConsumerRecord<String, byte[]> r, String targetTopic) {
        return new ReplayedRecord(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).toString(),
                RecordFilter.header(r, io.alertline.common.record.RecordHeaders.REQUEST_ID), alertnames(r.value()),
                RecordFilter.header(r, io.alertline.common.record.RecordHeaders.REASON),
                RecordFilter.header(r, io.alertline.common.record.RecordHeaders.EXCEPTION),
                RecordFilter.header(r, io.alertline.common.record.RecordHeaders.CHANNEL),
                RecordFilter.header(r, io.alertline.common.record.RecordHeaders.ATTEMPTS), targetTopic);
    }

    private List<String> alertnames(byte[] value) {
        try {
            return parser.parse(value == null ? new byte[0] : value).alerts().stream().map(Alert::alertname).toList();
        } catch (PayloadValidationException e) {
            return List.of();
        }
    }

    private static Collection<Category> orAll(Collection<Category> categories) {
        return categories == null || categories.isEmpty() ? List.of(Category.values()) : categories;
    }

    private static Map<String, Object> criteria(Collection<Category> categories, ScanRange range, RecordFilter filter) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("categories", orAll(categories).stream().map(Category::id).toList());
        putIf(c, "from", range.from());
        putIf(c, "to", range.to());
        putIf(c, "partition", range.partition());
        putIf(c, "from_offset", range.fromOffset());
        putIf(c, "to_offset", range.toOffset());
        putIf(c, "request_id", filter.requestId());
        putIf(c, "alertname", filter.alertname());
        putIf(c, "fingerprint", filter.fingerprint());
        putIf(c, "reason", filter.reason());
        return c;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
