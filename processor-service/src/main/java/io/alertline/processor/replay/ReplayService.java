package io.alertline.processor.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.ReplayMode;
import io.alertline.common.record.Routing;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.config.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's tools over the log: replay category records, list dead letters, re-drive them.
 * Every re-published record is the original value and ingest headers (so its record signature
 * still verifies) plus a replay id, mode and a replay signature made with the record-signing
 * key: the processor honours {@code force} (dedup bypassed) and {@code redrive} (failed channels
 * retried) only from someone holding that key. An operation that re-published at least one
 * record is written to the audit topic, as what it actually did; dry runs and empty results
 * are not, and their answer says so.
 */
public class ReplayService {

    private static final int MAX_RECORDS = 100_000;

    private final TopicNames topics;
    private final TopicScanner scanner;
    private final CopyPublisher publisher;
    private final RecordBudget budget;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final PayloadParser parser = new PayloadParser();

    /**
     * @param kafka    the processor's shared client settings (security included)
     * @param clientId names this service's consumers and producers to the brokers
     */
    public ReplayService(KafkaClientSettings kafka, String clientId, TopicNames topics, RecordSigner signer,
            RecordBudget budget, MeterRegistry registry, Clock clock) {
        this.topics = topics;
        this.scanner = new TopicScanner(kafka.consumer(clientId));
        this.publisher = new CopyPublisher(kafka.producer(clientId), budget, signer, registry);
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * Replays the matching records of the requested category topics (all with {@code all}).
     * Records that are themselves replay or re-drive copies are left out unless asked for:
     * otherwise every full replay would re-publish all earlier ones' copies too.
     */
    public ReplayReport replay(ReplayRequest request) {
        String id = UUID.randomUUID().toString();
        ReplayMode mode = request.force() ? ReplayMode.FORCE : ReplayMode.REPLAY;
        List<ConsumerRecord<String, byte[]>> selected = new ArrayList<>();
        int copiesExcluded = 0;
        for (Category category : orAll(request.categories())) {
            for (ConsumerRecord<String, byte[]> r : scanner.scan(topics.category(category), request.range(),
                    request.filter(), MAX_RECORDS)) {
                if (!request.includeReplays() && AlertEnvelope.read(r.headers()).replay().present()) {
                    copiesExcluded++;
                } else {
                    selected.add(r);
                }
            }
        }
        Map<String, Object> criteria = criteria(request.categories(), request.range(), request.filter());
        criteria.put("all", request.all());
        criteria.put("include_replays", request.includeReplays());
        criteria.put("force", request.force());
        return carryOut("replay", id, mode, request.actor(), request.dryRun(), criteria, selected,
                ConsumerRecord::topic, copiesExcluded, null, RedrivenDeadLetters.NONE);
    }

    /**
     * Dead letters of one category (all when null), with why they are there. Those an earlier
     * re-drive already sent back are left out (counted in {@code redriven_excluded}) unless
     * {@code includeRedriven}, and then carry that re-drive's id.
     */
    public ReplayReport deadLetters(Category category, RecordFilter filter, int limit, boolean includeRedriven) {
        RedrivenDeadLetters redriven = redriven();
        int[] excluded = {0};
        List<ReplayedRecord> records = new ArrayList<>();
        for (Category c : category == null ? List.of(Category.values()) : List.of(category)) {
            for (ConsumerRecord<String, byte[]> r : scanner.scan(topics.deadLetter(c), ScanRange.ALL,
                    wanted(filter, redriven, includeRedriven, excluded), limit)) {
                records.add(describe(r, targetOf(r, c), redriven));
            }
        }
        Map<String, Object> criteria = criteria(category == null ? List.of() : List.of(category), ScanRange.ALL, filter);
        criteria.put("include_redriven", includeRedriven);
        return ReplayReport.listing(clock.instant().toString(), criteria, records, excluded[0]);
    }

    /**
     * Sends dead letters of a category back to their source topic. An empty filter and range
     * re-drive the whole dead-letter topic only when {@code all} says so, never by accident.
     * Dead letters an earlier re-drive already sent back are left out unless
     * {@code includeRedriven}: their copy was processed (or dead-lettered anew, as a new record).
     */
    public ReplayReport redrive(Category category, ScanRange range, RecordFilter filter, boolean all,
            boolean includeRedriven, boolean dryRun, String actor) {
        if (!all && filter.isEmpty() && range.isOpen()) {
            throw new IllegalArgumentException("choose what to re-drive (request id, reason, alertname, partition/offset, "
                    + "time range) or say --all");
        }
        RedrivenDeadLetters redriven = redriven();
        int[] excluded = {0};
        List<ConsumerRecord<String, byte[]>> selected = scanner.scan(topics.deadLetter(category), range,
                wanted(filter, redriven, includeRedriven, excluded), MAX_RECORDS);
        Map<String, Object> criteria = criteria(List.of(category), range, filter);
        criteria.put("all", all);
        criteria.put("include_redriven", includeRedriven);
        return carryOut("redrive", UUID.randomUUID().toString(), ReplayMode.REDRIVE, actor, dryRun,
                criteria, selected, r -> targetOf(r, category), null, excluded[0], redriven);
    }

    /** The filter, minus (counted in {@code excluded[0]}) dead letters already re-driven unless included. */
    private static Predicate<ConsumerRecord<String, byte[]>> wanted(RecordFilter filter, RedrivenDeadLetters redriven,
            boolean includeRedriven, int[] excluded) {
        return r -> {
            if (!filter.matches(r)) {
                return false;
            }
            if (!includeRedriven && redriven.redriveOf(r.topic(), r.partition(), r.offset()) != null) {
                excluded[0]++;
                return false;
            }
            return true;
        };
    }

    /** What earlier re-drives sent back, from every audit entry. */
    private RedrivenDeadLetters redriven() {
        return RedrivenDeadLetters.fromAudit(audit(MAX_RECORDS));
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

    private ReplayReport carryOut(String operation, String id, ReplayMode mode, String actor, boolean dryRun,
            Map<String, Object> criteria, List<ConsumerRecord<String, byte[]>> selected,
            Function<ConsumerRecord<String, byte[]>, String> target, Integer copiesExcluded, Integer redrivenExcluded,
            RedrivenDeadLetters redriven) {
        Map<ConsumerRecord<String, byte[]>, ReplayedRecord> described = new IdentityHashMap<>();
        List<ReplayedRecord> records = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : selected) {
            ReplayedRecord d = describe(r, target.apply(r), redriven);
            described.put(r, d);
            records.add(d);
        }
        // Free text from the caller ends up in a record: bounded like every free-text header.
        String boundedActor = RecordBudget.headerText(actor);
        ReplayReport planned = new ReplayReport(id, operation, mode.id(), boundedActor, clock.instant().toString(), dryRun,
                criteria, records.size(), records, null, List.of(), null, copiesExcluded, redrivenExcluded, null, null,
                null);
        if (dryRun) {
            return planned.withAudit(false, "dry run: nothing was re-published and no audit entry was written");
        }
        if (selected.isEmpty() && redrivenExcluded != null && redrivenExcluded > 0) {
            return planned.withAudit(false, "nothing to re-drive: " + redrivenExcluded + " matching dead letter(s) were "
                    + "already re-driven (include_redriven to send them again); no audit entry was written");
        }
        if (selected.isEmpty()) {
            return planned.withAudit(false, "nothing matched: nothing was re-published and no audit entry was written");
        }
        CopyPublisher.Result result = publisher.publish(operation, id, mode, selected, target, topics.audit(),
                (copied, skipped) -> auditEntry(planned.withOutcome(copied.stream().map(described::get).toList(),
                        skipped)));
        ReplayReport done = planned.withOutcome(result.copied().stream().map(described::get).toList(),
                result.skipped());
        if (result.audited()) {
            return done.withAudit(true, null);
        }
        return done.withAudit(false, result.copied().isEmpty()
                ? "Kafka took none of the copies (see skipped): nothing was re-published and no audit entry was written"
                : "the copies were re-published but the audit entry could not be written: " + result.auditError());
    }

    /** The audit entry, with its record lists cut if needed so it fits in one record like any body. */
    private byte[] auditEntry(ReplayReport report) {
        int listed = report.records().size();
        int listedSkipped = report.skipped().size();
        byte[] bytes = json.writeValueAsBytes(report);
        while (bytes.length > budget.maxBodyBytes() && (listed > 0 || listedSkipped > 0)) {
            listed /= 2;
            listedSkipped /= 2;
            bytes = json.writeValueAsBytes(report.cut(listed, listedSkipped));
        }
        return bytes;
    }

    private String targetOf(ConsumerRecord<String, byte[]> record, Category category) {
        String original = AlertEnvelope.read(record.headers()).routing().originalTopic();
        // Only ever back onto a category topic: a forged header must not aim a record anywhere else.
        return original != null && topics.categoryOf(original) == category ? original : topics.category(category);
    }

    private ReplayedRecord describe(ConsumerRecord<String, byte[]> r, String targetTopic, RedrivenDeadLetters redriven) {
        AlertEnvelope envelope = AlertEnvelope.read(r.headers());
        Routing routing = envelope.routing();
        return new ReplayedRecord(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()).toString(),
                envelope.requestId(), alertnames(r.value()), routing.reason(), routing.detail(), routing.channels(),
                routing.attempts() == null ? null : routing.attempts().toString(), targetTopic,
                redriven.redriveOf(r.topic(), r.partition(), r.offset()));
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
}
