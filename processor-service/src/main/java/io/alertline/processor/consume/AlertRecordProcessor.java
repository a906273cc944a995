package io.alertline.processor.consume;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.alertline.common.identity.AlertFingerprint;
import io.alertline.common.logging.FailureSummary;
import io.alertline.common.identity.IdempotencyKey;
import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.PayloadValidationException;
import io.alertline.common.payload.WebhookPayload;
import io.alertline.common.record.RecordHeaders;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;
import io.alertline.processor.action.CategoryActions;
import io.alertline.processor.config.ProcessorProperties;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.Delivery;
import io.alertline.processor.notify.Notifier;
import io.alertline.processor.outcome.ChannelResult;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeIndex;
import io.alertline.processor.outcome.OutcomeWriter;
import io.alertline.processor.outcome.PendingWrites;
import io.alertline.processor.recovery.AutoRecovery;
import io.alertline.processor.recovery.RecoveryResult;

/**
 * Does the work of one record from a category topic or its retry topic: verify the ingest's
 * signature, fan the group out into alerts, skip alerts already finished, act on the rest
 * (recovery, notifications, category results), write their outcomes, and route what must be
 * tried again or given up on. It returns only when all of that is acknowledged by Kafka, so the
 * caller can commit the offset.
 *
 * <p>Per-channel idempotency: an alert's outcome records each channel's state, and a later
 * attempt only contacts channels that have not reached an end.
 */
public class AlertRecordProcessor {

    private static final Logger log = LoggerFactory.getLogger(AlertRecordProcessor.class);
    /** Replay modes ({@link RecordHeaders#REPLAY_MODE}); plain {@code replay} keeps dedup in force. */
    public static final String REPLAY = "replay";
    public static final String REPLAY_FORCE = "force";
    public static final String REPLAY_REDRIVE = "redrive";
    private static final String SIGNATURE_REJECTED = "invalid-record-signature";
    /** MDC keys: the same {@code request_id} the ingest logs with, and the record's topic-partition@offset. */
    public static final String MDC_REQUEST_ID = "request_id";
    public static final String MDC_KAFKA_RECORD = "kafka_record";

    private final RecordSigner signer;
    private final PayloadParser parser;
    private final OutcomeIndex index;
    private final OutcomeWriter writer;
    private final RetryRouter router;
    private final AutoRecovery recovery;
    private final List<Notifier> notifiers;
    private final Set<Category> notifying;
    private final ProcessorProperties.Retry retry;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final String instanceId;
    private final SignatureRejections signatureRejections;
    private final FailureSummary unparseable = new FailureSummary(log, "records rejected as unparseable",
            Duration.ofMinutes(1));

    public AlertRecordProcessor(RecordSigner signer, PayloadParser parser, OutcomeIndex index, OutcomeWriter writer,
            RetryRouter router, AutoRecovery recovery, List<Notifier> notifiers, Set<Category> notifying,
            ProcessorProperties.Retry retry, ProcessorMetrics metrics, Clock clock, String instanceId,
            SignatureRejections signatureRejections) {
        this.signatureRejections = signatureRejections;
        this.signer = signer;
        this.parser = parser;
        this.index = index;
        this.writer = writer;
        this.router = router;
        this.recovery = recovery;
        this.notifiers = notifiers;
        this.notifying = notifying;
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
     * record, in order; only the acknowledgements are collected. Returns when every outcome,
     * retry and dead-letter copy of the batch is acknowledged, so the caller may commit.
     */
    public void processAll(List<ConsumerRecord<String, byte[]>> records, Category category) {
        PendingWrites pending = writer.begin();
        long[] receivedAt = new long[records.size()];
        int[] outcomes = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            int before = pending.size();
            receivedAt[i] = process(records.get(i), category, pending);
            outcomes[i] = pending.size() - before;
        }
        for (OutcomeDocument doc : pending.await()) {
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
     */
    private long process(ConsumerRecord<String, byte[]> record, Category category, PendingWrites pending) {
        String requestId = header(record, RecordHeaders.REQUEST_ID);
        try (MDC.MDCCloseable r = MDC.putCloseable(MDC_REQUEST_ID, requestId == null ? "none" : requestId);
                MDC.MDCCloseable k = MDC.putCloseable(MDC_KAFKA_RECORD,
                        record.topic() + "-" + record.partition() + "@" + record.offset())) {
            long receivedAt = processInContext(record, category, pending);
            log.debug("record {}-{}@{} {}", record.topic(), record.partition(), record.offset(),
                    receivedAt < 0 ? "rejected" : "processed");
            return receivedAt;
        }
    }

    /** @return the record's received-at (epoch ms) when it was acted on, -1 when it was rejected */
    private long processInContext(ConsumerRecord<String, byte[]> record, Category category, PendingWrites pending) {
        int attempt = intHeader(record, RecordHeaders.ATTEMPT, 1);
        String requestId = header(record, RecordHeaders.REQUEST_ID);
        long receivedAt = longHeader(record, RecordHeaders.RECEIVED_AT);
        String signature = header(record, RecordHeaders.RECORD_SIGNATURE);

        if (requestId == null || receivedAt < 0 || record.value() == null
                || !signer.verify(requestId, receivedAt, category.id(), record.value(), signature)) {
            reject(record, category, requestId, receivedAt, SIGNATURE_REJECTED,
                    "record signature missing or invalid; not acted on", pending);
            return -1;
        }
        WebhookPayload payload;
        try {
            payload = parser.parse(record.value());
        } catch (PayloadValidationException e) {
            reject(record, category, requestId, receivedAt, "unparseable", e.field() + ": " + e.getMessage(), pending);
            return -1;
        }

        Context ctx = new Context(record, category, requestId, receivedAt, attempt, pending);
        String replayId = header(record, RecordHeaders.REPLAY_ID);
        String replayMode = header(record, RecordHeaders.REPLAY_MODE);
        if (replayId != null && replayMode != null
                && signer.verifyReplay(replayId, replayMode, requestId, header(record, RecordHeaders.REPLAY_SIGNATURE))) {
            ctx.replayId = replayId;
            ctx.replayMode = replayMode;
        } else if (replayId != null) {
            log.warn("record {}-{}@{} carries replay id {} without a valid replay signature: treated as a plain "
                    + "redelivery", record.topic(), record.partition(), record.offset(), replayId);
        }
        for (Alert alert : payload.alerts()) {
            OutcomeDocument doc = processAlert(ctx, alert);
            if (doc != null) {
                writer.send(doc, pending);
            }
        }
        route(ctx);
        return receivedAt;
    }

    private OutcomeDocument processAlert(Context ctx, Alert alert) {
        String key = IdempotencyKey.of(ctx.category, alert);
        String fingerprint = AlertFingerprint.of(alert);
        OutcomeDocument previous = ctx.pending.latest(key);
        if (previous != null && ctx.replayMode != null && !ctx.replayId.equals(previous.replayId())) {
            if (REPLAY_FORCE.equals(ctx.replayMode)) {
                previous = null; // an operator asked for this alert's work to be done again
            } else if (REPLAY_REDRIVE.equals(ctx.replayMode) && OutcomeDocument.DEAD_LETTERED.equals(previous.result())) {
                previous = previous.reopenedForRedrive();
            }
        }
        if (previous != null && previous.finished()) {
            metrics.duplicate(ctx.category);
            if (ctx.attempt > 1) {
                return null; // a retry of the group: this alert was finished by an earlier attempt
            }
            return base(ctx, alert, "dup:" + ctx.requestId + ":" + key, key, fingerprint,
                    OutcomeDocument.DUPLICATE, "already processed inside the dedup window", previous.requestId(),
                    null, null);
        }

        RecoveryResult recoveryResult = null;
        if (ctx.category == Category.CRITICAL) {
            recoveryResult = recover(ctx, alert, key, fingerprint, previous);
        }
        Map<String, ChannelResult> notifications = null;
        if (notifying.contains(ctx.category)) {
            notifications = notify(ctx, alert, previous);
        }
        Map<String, Object> gpu = ctx.category == Category.GPU ? CategoryActions.gpu(alert) : null;
        Map<String, Object> ai = ctx.category == Category.AI ? CategoryActions.ai(alert) : null;
        Map<String, Object> database = ctx.category == Category.DATABASE ? CategoryActions.database(alert) : null;

        String result = OutcomeDocument.PROCESSED;
        if (notifications != null) {
            for (ChannelResult channel : notifications.values()) {
                if (!channel.terminal()) {
                    result = OutcomeDocument.RETRYING;
                    break;
                }
                if (!channel.sent() && !ChannelResult.NOT_CONFIGURED.equals(channel.reason())) {
                    result = OutcomeDocument.DEAD_LETTERED;
                }
            }
        }
        return new OutcomeDocument(key, key, ctx.requestId, ctx.category.id(), alert.alertname(), fingerprint,
                alert.status(), alert.startsAt(), iso(ctx.receivedAt), clock.instant().toString(), instanceId, result, null,
                ctx.attempt, ctx.replayId, null, ctx.source(), recoveryResult, notifications, gpu, ai, database);
    }

    private RecoveryResult recover(Context ctx, Alert alert, String key, String fingerprint,
            OutcomeDocument previous) {
        if (previous != null && previous.recovery() != null && previous.recovery().attempted()) {
            RecoveryResult earlier = previous.recovery();
            if (OutcomeDocument.IN_PROGRESS.equals(previous.result())) {
                return new RecoveryResult(earlier.service(), true, null, null, null,
                        "Interrupted: the processor stopped while the script ran; not started again",
                        null, earlier.startedAt());
            }
            return earlier;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("request_id", ctx.requestId);
        facts.put("fingerprint", fingerprint);
        facts.put("category", ctx.category.id());
        if (alert.label("instance") != null) {
            facts.put("instance", alert.label("instance"));
        }
        Instant started = clock.instant();
        RecoveryResult result = recovery.handle(alert, facts, () -> writer.write(base(ctx, alert, key, key,
                fingerprint, OutcomeDocument.IN_PROGRESS, null, null,
                new RecoveryResult(alert.label("service"), true, null, null, null, "Recovery script running", null,
                        clock.instant().toString()), null)));
        if (result != null && result.attempted()) {
            metrics.recovery(result.service(), Boolean.TRUE.equals(result.success()) ? "success" : "failure",
                    Duration.between(started, clock.instant()));
        } else if (result != null) {
            metrics.recovery(result.service(), "skipped", Duration.ZERO);
        }
        return result;
    }

    private Map<String, ChannelResult> notify(Context ctx, Alert alert, OutcomeDocument previous) {
        Map<String, ChannelResult> results = new LinkedHashMap<>();
        AlertMessage message = null;
        for (Notifier notifier : notifiers) {
            String channel = notifier.channel();
            ChannelResult before = previous == null || previous.notifications() == null ? null
                    : previous.notifications().get(channel);
            if (before != null && before.terminal()) {
                results.put(channel, before);
                continue;
            }
            if (!notifier.configured()) {
                results.put(channel, ChannelResult.notConfigured());
                continue;
            }
            if (message == null) {
                message = message(ctx, alert);
            }
            Delivery delivery = notifier.send(message);
            String now = clock.instant().toString();
            List<ChannelResult.Attempt> attempts = new ArrayList<>(before == null || before.attempts() == null
                    ? List.of() : before.attempts());
            attempts.add(new ChannelResult.Attempt(now, delivery.result().name().toLowerCase(),
                    delivery.httpStatus() == 0 ? null : delivery.httpStatus(), delivery.detail()));
            metrics.notification(channel, delivery.result().name().toLowerCase());
            switch (delivery.result()) {
                case DELIVERED -> results.put(channel, new ChannelResult(true, now, null, null, attempts));
                case RETRYABLE -> {
                    if (ctx.attempt < retry.maxAttempts()) {
                        results.put(channel, new ChannelResult(false, null, delivery.detail(), true, attempts));
                        ctx.retryable(channel, delivery);
                    } else {
                        String reason = "Failed after " + ctx.attempt + " attempts: " + delivery.detail();
                        results.put(channel, new ChannelResult(false, null, reason, null, attempts));
                        ctx.failed(channel, reason);
                    }
                }
                case FINAL -> {
                    results.put(channel, new ChannelResult(false, null, delivery.detail(), null, attempts));
                    ctx.failed(channel, delivery.detail());
                }
            }
        }
        return results;
    }

    private void route(Context ctx) {
        if (!ctx.retryChannels.isEmpty()) {
            long delay = Math.max(retry.backoffBefore(ctx.attempt + 1).toMillis(), ctx.retryAfter.toMillis());
            ctx.pending.add(router.retry(ctx.record, ctx.category, ctx.attempt + 1, clock.millis() + delay,
                    String.join(",", ctx.retryChannels), ctx.retryDetail));
        }
        if (!ctx.failedChannels.isEmpty()) {
            ctx.pending.add(router.deadLetter(ctx.record, ctx.category, "channel-failed", ctx.failedDetail,
                    String.join(",", ctx.failedChannels), ctx.attempt));
            metrics.deadLettered(ctx.category, "channel-failed");
            log.warn("request {} on {}: channel(s) {} failed for good after {} attempt(s); dead-lettered",
                    ctx.requestId, ctx.category.id(), ctx.failedChannels, ctx.attempt);
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, Category category, String requestId, long receivedAt,
            String reason, String detail, PendingWrites pending) {
        pending.add(router.deadLetter(record, category, reason, detail, null, intHeader(record, RecordHeaders.ATTEMPT, 1)));
        String id = requestId != null ? requestId : record.topic() + "-" + record.partition() + "@" + record.offset();
        Map<String, Object> source = Map.of("topic", record.topic(), "partition", record.partition(),
                "offset", record.offset());
        writer.send(new OutcomeDocument("rejected:" + record.topic() + ":" + record.partition() + ":" + record.offset(),
                null, id, category.id(), null, null, null, null, receivedAt > 0 ? iso(receivedAt) : null,
                clock.instant().toString(), instanceId, OutcomeDocument.REJECTED, reason + ": " + detail, 1, null, null, source,
                null, null, null, null, null), pending);
        metrics.deadLettered(category, reason);
        // One line per record would let a wrong key or a flood of forgeries fill the log: these
        // are summarised once a minute instead (and counted in metrics and on readiness).
        if (SIGNATURE_REJECTED.equals(reason)) {
            signatureRejections.record(record);
            log.debug("record {}-{}@{} rejected ({}): {}", record.topic(), record.partition(), record.offset(),
                    reason, detail);
        } else {
            unparseable.record("record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                    + detail);
        }
    }

    private OutcomeDocument base(Context ctx, Alert alert, String key, String idempotencyKey, String fingerprint,
            String result, String reason, String duplicateOf, RecoveryResult recoveryResult,
            Map<String, ChannelResult> notifications) {
        return new OutcomeDocument(key, idempotencyKey, ctx.requestId, ctx.category.id(), alert.alertname(),
                fingerprint, alert.status(), alert.startsAt(), iso(ctx.receivedAt), clock.instant().toString(), instanceId,
                result, reason, ctx.attempt, ctx.replayId, duplicateOf, ctx.source(), recoveryResult, notifications, null,
                null, null);
    }

    private AlertMessage message(Context ctx, Alert alert) {
        Instant time = alert.isFiring() ? parseInstant(alert.startsAt()) : parseInstant(alert.endsAt());
        if (time == null || time.getEpochSecond() <= 0) {
            time = alert.isFiring() ? Instant.ofEpochMilli(ctx.receivedAt) : clock.instant();
        }
        return new AlertMessage(alert.alertname(), alert.label("severity"), alert.annotation("summary"),
                alert.annotation("description"), alert.label("service"), ctx.category.id(), alert.label("instance"),
                alert.status(), time, ctx.requestId);
    }

    private static Instant parseInstant(String text) {
        if (text == null || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static long longHeader(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int intHeader(ConsumerRecord<?, ?> record, String name, int fallback) {
        long value = longHeader(record, name);
        return value < 1 || value > Integer.MAX_VALUE ? fallback : (int) value;
    }

    /** Per-record state: where it came from and what must be retried or given up on. */
    private static final class Context {
        final ConsumerRecord<String, byte[]> record;
        final Category category;
        final String requestId;
        final long receivedAt;
        final int attempt;
        final List<String> retryChannels = new ArrayList<>();
        final List<String> failedChannels = new ArrayList<>();
        Duration retryAfter = Duration.ZERO;
        String replayId;
        String replayMode;
        String retryDetail;
        String failedDetail;

        final PendingWrites pending;

        Context(ConsumerRecord<String, byte[]> record, Category category, String requestId, long receivedAt,
                int attempt, PendingWrites pending) {
            this.pending = pending;
            this.record = record;
            this.category = category;
            this.requestId = requestId;
            this.receivedAt = receivedAt;
            this.attempt = attempt;
        }

        Map<String, Object> source() {
            return Map.of("topic", record.topic(), "partition", record.partition(), "offset", record.offset());
        }

        void retryable(String channel, Delivery delivery) {
            if (!retryChannels.contains(channel)) {
                retryChannels.add(channel);
            }
            if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(retryAfter) > 0) {
                retryAfter = delivery.retryAfter();
            }
            retryDetail = channel + ": " + delivery.detail();
        }

        void failed(String channel, String detail) {
            if (!failedChannels.contains(channel)) {
                failedChannels.add(channel);
            }
            failedDetail = channel + ": " + detail;
        }
    }
}
