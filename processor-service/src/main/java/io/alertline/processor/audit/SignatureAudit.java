package io.alertline.processor.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.alertline.common.auth.AuthScheme;
import io.alertline.common.auth.HmacSignatureVerifier;
import io.alertline.common.auth.StandardWebhooksVerifier;
import io.alertline.common.auth.Verification;
import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.AlertlineHeaders;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.RequestStamp;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.replay.RecordFilter;
import io.alertline.processor.replay.ScanRange;
import io.alertline.processor.replay.TopicScanner;

/**
 * Re-checks, for every record of a topic range, the sender's original signature (with the
 * senders' secrets) and the ingest's record signature (with the record-signing key): the proof
 * that an alert was received as sent. Timestamps are not held to the replay window here — an
 * audit looks at old records on purpose.
 */
public class SignatureAudit {

    private static final Duration ANY_AGE = Duration.ofDays(365L * 100);

    private final TopicScanner scanner;
    private final TopicNames topics;
    private final RecordSigner recordSigner;
    private final HmacSignatureVerifier hmac;
    private final StandardWebhooksVerifier standardWebhooks;

    public SignatureAudit(TopicScanner scanner, TopicNames topics, RecordSigner recordSigner,
            List<String> webhookSecrets, List<String> standardWebhooksSecrets, Clock clock) {
        this.scanner = scanner;
        this.topics = topics;
        this.recordSigner = recordSigner;
        this.hmac = new HmacSignatureVerifier(webhookSecrets, ANY_AGE, clock);
        this.standardWebhooks = new StandardWebhooksVerifier(standardWebhooksSecrets, ANY_AGE, clock);
    }

    public AuditReport verify(Collection<Category> categories, ScanRange range, RecordFilter filter) {
        int records = 0;
        int valid = 0;
        int unsigned = 0;
        List<AuditReport.Failure> failures = new ArrayList<>();
        for (Category category : categories.isEmpty() ? List.of(Category.values()) : categories) {
            for (ConsumerRecord<String, byte[]> r : scanner.scan(topics.category(category), range, filter, Integer.MAX_VALUE)) {
                records++;
                RequestStamp stamp = AlertEnvelope.read(r.headers()).request();
                String problem = recordProblem(r, stamp, category);
                String sender = senderProblem(r, stamp);
                if (problem == null && sender == null) {
                    valid++;
                } else if (problem == null && UNSIGNED.equals(sender)) {
                    unsigned++;
                } else {
                    failures.add(new AuditReport.Failure(r.topic(), r.partition(), r.offset(),
                            stamp.requestId(),
                            problem != null ? problem : "sender signature: " + sender));
                }
            }
        }
        return new AuditReport(records, valid, failures.size(), unsigned, failures);
    }

    private static final String UNSIGNED = "unsigned";

    private String recordProblem(ConsumerRecord<String, byte[]> r, RequestStamp stamp, Category category) {
        boolean receivedAtPresent = AlertlineHeaders.text(r.headers(), AlertlineHeaders.RECEIVED_AT) != null;
        if (stamp.requestId() == null || !receivedAtPresent || stamp.recordSignature() == null) {
            return "record signature: missing ingest headers";
        }
        if (stamp.receivedAt() == null) { // not a number (or negative, which no ingest writes)
            return "record signature: malformed received-at";
        }
        if (!stamp.verifies(recordSigner, category, r.value())) {
            return "record signature: does not match (body, headers or topic changed after ingest)";
        }
        return null;
    }

    /** Null when the sender's signature verifies; "unsigned" for bearer senders; else why not. */
    private String senderProblem(ConsumerRecord<String, byte[]> r, RequestStamp stamp) {
        String scheme = stamp.authScheme();
        String signature = stamp.senderSignature();
        String timestamp = stamp.senderTimestamp();
        Verification v;
        if (AuthScheme.BEARER.id().equals(scheme)) {
            return UNSIGNED;
        } else if (AuthScheme.STANDARD_WEBHOOKS.id().equals(scheme)) {
            v = standardWebhooks.verify(r.value(), stamp.senderWebhookId(), timestamp, signature);
        } else if (AuthScheme.HMAC.id().equals(scheme) || AuthScheme.HMAC_TIMESTAMPED.id().equals(scheme)) {
            v = hmac.verify(r.value(), signature, timestamp);
        } else {
            return "unknown auth scheme " + scheme;
        }
        return v.valid() ? null : v.failure().name().toLowerCase() + " (" + scheme + ")";
    }
}
