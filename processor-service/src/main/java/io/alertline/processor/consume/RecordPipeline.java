package io.alertline.processor.consume;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.alertline.common.payload.Alert;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.topic.Category;
import io.alertline.processor.config.ProcessorProperties;
import io.alertline.processor.outcome.OutcomeBatch;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.RecordSource;

/**
 * The record path: each record of a category topic or its retry topic passes the
 * {@link RecordGate}; each of its alerts the {@link DedupStage}, and those let through the
 * {@link AlertActions} together (one message per target for the group); the record's {@link Disposition} goes to the {@link RecordRouter}.
 * Outcomes and copies are collected in one {@link OutcomeBatch}, and the methods return only when
 * Kafka acknowledged all of it, so the caller can commit the offsets.
 */
public class RecordPipeline {

    private static final Logger log = LoggerFactory.getLogger(RecordPipeline.class);
    /** MDC keys: the same {@code request_id} the ingest logs with, and the record's topic-partition@offset. */
    public static final String MDC_REQUEST_ID = "request_id";
    public static final String MDC_KAFKA_RECORD = "kafka_record";

    private final RecordGate gate;
    private final DedupStage dedup;
    private final AlertActions actions;
    private final RecordRouter router;
    private final Supplier<? extends OutcomeBatch> batches;
    private final ProcessorProperties.Retry retry;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final String instanceId;
    private final RejectionLog rejections;

    public RecordPipeline(RecordGate gate, DedupStage dedup, AlertActions actions, RecordRouter router,
            Supplier<? extends OutcomeBatch> batches, ProcessorProperties.Retry retry, ProcessorMetrics metrics,
            Clock clock, String instanceId, RejectionLog rejections) {
        this.rejections = rejections;
        this.gate = gate;
        this.dedup = dedup;
        this.actions = actions;
        this.router = router;
        this.batches = batches;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** One record (retry topics, critical): its writes are awaited before this returns. */
    public void process(ConsumerRecord<String, byte[]> record, Category category) {
        processAll(List.of(record), category);
    }

    /**
     * A whole poll of records with one wait for Kafka at the end. Actions still happen record by
     * record, in order, and a later record sees the outcomes of earlier ones; only the
     * acknowledgements are collected.
     */
    public void processAll(List<ConsumerRecord<String, byte[]>> records, Category category) {
        OutcomeBatch batch = batches.get();
        long[] receivedAt = new long[records.size()];
        int[] outcomes = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            int before = batch.size();
            receivedAt[i] = process(records.get(i), category, batch);
            outcomes[i] = batch.size() - before;
        }
        for (OutcomeDocument doc : batch.await()) {
            metrics.processed(category, doc.result());
        }
        long now = clock.millis();
        for (int i = 0; i < records.size(); i++) {
            for (int n = 0; n < outcomes[i]; n++) {
                metrics.endToEnd(receivedAt[i], now);
            }
        }
    }

    /**
     * Everything logged while one record is processed (here, by the notifiers, by recovery)
     * carries its request id in the MDC as {@code request_id}, and where it came from as
     * {@code kafka_record}, so a JSON log can be searched by either.
     *
     * @return the record's received-at (epoch ms) when it was acted on, -1 when it was rejected
     */
    private long process(ConsumerRecord<String, byte[]> record, Category category, OutcomeBatch batch) {
        AlertEnvelope envelope = AlertEnvelope.read(record.headers());
        String requestId = envelope.requestId();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_REQUEST_ID, requestId == null ? "none" : requestId);
                MDC.MDCCloseable unused = MDC.putCloseable(MDC_KAFKA_RECORD,
                        record.topic() + "-" + record.partition() + "@" + record.offset())) {
            long receivedAt = processInContext(record, category, envelope, batch);
            log.debug("record {}-{}@{} {}", record.topic(), record.partition(), record.offset(),
                    receivedAt < 0 ? "rejected" : "processed");
            return receivedAt;
        }
    }

    private long processInContext(ConsumerRecord<String, byte[]> record, Category category, AlertEnvelope envelope,
            OutcomeBatch batch) {
        Admission admission = gate.admit(record, category, envelope);
        if (admission instanceof Rejection rejection) {
            reject(rejection, batch);
            return -1;
        }
        AdmittedRecord admitted = (AdmittedRecord) admission;
        List<ProceedingAlert> proceeding = new ArrayList<>();
        List<Alert> alerts = admitted.payload().alerts();
        List<DedupDecision> decisions = dedup.checkAll(admitted, batch);
        for (int i = 0; i < alerts.size(); i++) {
            if (decisions.get(i) instanceof DedupDecision.Duplicate duplicate) {
                batch.remember(duplicate.outcome());
            } else if (decisions.get(i) instanceof DedupDecision.Proceed proceed) {
                proceeding.add(new ProceedingAlert(alerts.get(i), admitted.subject(alerts.get(i)), proceed.previous()));
            }
        }
        List<ChannelStates> channels = new ArrayList<>();
        for (AlertActions.Acted acted : actions.act(admitted, proceeding, batch)) {
            batch.remember(acted.outcome());
            channels.add(acted.channels());
        }
        Disposition disposition = Disposition.of(admitted.attempt(), channels, retry, clock.instant());
        router.route(record, category, disposition).forEach(batch::awaitAlso);
        if (disposition.deadLetter() != null) {
            metrics.deadLettered(category, DeadLetterReason.CHANNEL_FAILED);
            log.warn("request {} on {}: channel(s) {} failed for good after {} attempt(s); dead-lettered",
                    admitted.requestId(), category.id(), disposition.deadLetter().channels(), admitted.attempt());
        }
        return admitted.receivedAt().toEpochMilli();
    }

    private void reject(Rejection rejection, OutcomeBatch batch) {
        ConsumerRecord<String, byte[]> record = rejection.record();
        router.route(record, rejection.category(), Disposition.rejected(rejection)).forEach(batch::awaitAlso);
        String reason = rejection.reason().id();
        batch.remember(OutcomeDocument.rejected(RecordSource.of(record), rejection.envelope().requestId(),
                rejection.category(), rejection.envelope().request().receivedAt(), reason + ": " + rejection.detail(),
                clock.instant(), instanceId));
        metrics.deadLettered(rejection.category(), rejection.reason());
        rejections.rejected(record, rejection.reason(), rejection.detail());
    }
}
