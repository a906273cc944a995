package io.alertline.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;

class AlertEnvelopeTest {

    private static final RecordSigner SIGNER = new RecordSigner("record-signing-key-0123456789");
    private static final byte[] BODY = "{\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final Instant RECEIVED = Instant.ofEpochMilli(1_767_225_600_123L);

    private static RequestStamp stamp() {
        return RequestStamp.signed(SIGNER, "req-1", RECEIVED, Category.WARNING, "10.0.0.7", "standard-webhooks",
                "v1,abc", "1767225600", "msg_1", BODY);
    }

    @Test
    void everyFieldRoundTripsThroughHeaders() {
        AlertEnvelope envelope = new AlertEnvelope(stamp(),
                new Routing(3, Instant.ofEpochMilli(5_000), "channel-failed", "slack: HTTP 500", "slack,discord", 2,
                        "alerts.warning", 4, 99L, Instant.ofEpochMilli(6_000)),
                ReplayStamp.signed(SIGNER, "replay-1", ReplayMode.REDRIVE, "req-1"));

        AlertEnvelope read = AlertEnvelope.read(envelope.writeTo(new RecordHeaders()));

        assertThat(read).isEqualTo(envelope);
        assertThat(read.requestId()).isEqualTo("req-1");
    }

    @Test
    void writesTheWireNamesAndValuesTheIngestAlwaysWrote() {
        Headers headers = AlertEnvelope.ingested(stamp()).writeTo(new RecordHeaders());

        assertThat(AlertlineHeaders.text(headers, "alertline-request-id")).isEqualTo("req-1");
        assertThat(AlertlineHeaders.text(headers, "alertline-received-at")).isEqualTo("1767225600123");
        assertThat(AlertlineHeaders.text(headers, "alertline-category")).isEqualTo("warning");
        assertThat(AlertlineHeaders.text(headers, "alertline-auth-scheme")).isEqualTo("standard-webhooks");
        assertThat(AlertlineHeaders.text(headers, "alertline-record-signature"))
                .isEqualTo(SIGNER.sign("req-1", RECEIVED.toEpochMilli(), "warning", BODY));
        assertThat(headers.toArray()).as("nothing for absent routing or replay").hasSize(9);
    }

    @Test
    void aPlainRecordIsAFirstAttemptWithoutRoutingOrReplay() {
        Headers headers = new RecordHeaders();
        AlertlineHeaders.put(headers, AlertlineHeaders.REQUEST_ID, "req-1");

        AlertEnvelope read = AlertEnvelope.read(headers);

        assertThat(read.routing()).isEqualTo(Routing.NONE);
        assertThat(read.routing().attemptNumber()).isEqualTo(1);
        assertThat(read.replay()).isEqualTo(ReplayStamp.NONE);
        assertThat(read.replay().present()).isFalse();
        assertThat(read.request().receivedAt()).isNull();
        assertThat(read.request().receivedAtMillis()).isEqualTo(-1);
    }

    @Test
    void malformedNumbersAndUnknownNamesReadAsAbsent() {
        Headers headers = new RecordHeaders();
        AlertlineHeaders.put(headers, AlertlineHeaders.RECEIVED_AT, "-5");
        AlertlineHeaders.put(headers, AlertlineHeaders.CATEGORY, "nonsense");
        AlertlineHeaders.put(headers, AlertlineHeaders.ATTEMPT, "0");
        AlertlineHeaders.put(headers, AlertlineHeaders.NOT_BEFORE, "soon");
        AlertlineHeaders.put(headers, AlertlineHeaders.REPLAY_ID, "r");
        AlertlineHeaders.put(headers, AlertlineHeaders.REPLAY_MODE, "sideways");
        headers.add(AlertlineHeaders.REQUEST_ID, null);

        AlertEnvelope read = AlertEnvelope.read(headers);

        assertThat(read.request().requestId()).isNull();
        assertThat(read.request().receivedAt()).isNull();
        assertThat(read.request().category()).isNull();
        assertThat(read.routing().attemptNumber()).isEqualTo(1);
        assertThat(read.routing().notBefore()).isNull();
        assertThat(read.replay().present()).isTrue();
        assertThat(read.replay().mode()).isNull();
    }

    @Test
    void theLastOfRepeatedHeadersCounts() {
        Headers headers = new RecordHeaders();
        AlertlineHeaders.put(headers, AlertlineHeaders.ATTEMPT, "2");
        AlertlineHeaders.put(headers, AlertlineHeaders.ATTEMPT, "3");
        assertThat(AlertEnvelope.read(headers).routing().attemptNumber()).isEqualTo(3);
    }

    @Test
    void theRecordSignatureBindsTheTopicsCategoryAndTheBody() {
        RequestStamp stamp = AlertEnvelope.read(AlertEnvelope.ingested(stamp()).writeTo(new RecordHeaders())).request();

        assertThat(stamp.verifies(SIGNER, Category.WARNING, BODY)).isTrue();
        assertThat(stamp.verifies(SIGNER, Category.CRITICAL, BODY)).as("moved to another topic").isFalse();
        assertThat(stamp.verifies(SIGNER, Category.WARNING, "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(stamp.verifies(SIGNER, Category.WARNING, null)).isFalse();
        assertThat(new RequestStamp(null, RECEIVED, null, null, null, null, null, null, stamp.recordSignature())
                .verifies(SIGNER, Category.WARNING, BODY)).isFalse();
    }

    @Test
    void aReplayIsAuthorisedOnlyForItsRequestAndMode() {
        ReplayStamp replay = ReplayStamp.signed(SIGNER, "replay-1", ReplayMode.FORCE, "req-1");

        assertThat(replay.authorised(SIGNER, "req-1")).isTrue();
        assertThat(replay.authorised(SIGNER, "req-2")).isFalse();
        assertThat(new ReplayStamp("replay-1", ReplayMode.REDRIVE, replay.signature()).authorised(SIGNER, "req-1"))
                .isFalse();
        assertThat(ReplayStamp.signed(SIGNER, "replay-1", ReplayMode.FORCE, null).signature()).isNull();
        assertThat(ReplayStamp.NONE.authorised(SIGNER, "req-1")).isFalse();
    }

    @Test
    void aRoutedCopyKeepsEveryOtherHeaderVerbatimAndReplacesTheRouting() {
        Headers source = AlertEnvelope.ingested(stamp()).writeTo(new RecordHeaders());
        source.add("x-foreign", new byte[] {1, 2, 3});
        AlertlineHeaders.put(source, AlertlineHeaders.RECEIVED_AT, "0001767225600123"); // odd but signed-equal
        Routing.retry(2, Instant.ofEpochMilli(10), "slack", "slack: 503").writeTo(source);
        ReplayStamp.signed(SIGNER, "replay-1", ReplayMode.REPLAY, "req-1").writeTo(source);

        Headers copy = AlertEnvelope.routedCopy(source, Routing.retry(3, Instant.ofEpochMilli(20), "discord", "d"));

        assertThat(copy.lastHeader("x-foreign").value()).containsExactly(1, 2, 3);
        assertThat(AlertlineHeaders.text(copy, AlertlineHeaders.RECEIVED_AT)).isEqualTo("0001767225600123");
        assertThat(copy.headers(AlertlineHeaders.ATTEMPT)).hasSize(1);
        AlertEnvelope read = AlertEnvelope.read(copy);
        assertThat(read.routing()).isEqualTo(Routing.retry(3, Instant.ofEpochMilli(20), "discord", "d"));
        assertThat(read.replay().id()).as("a retry of a replayed record is still that replay").isEqualTo("replay-1");
        assertThat(read.request().verifies(SIGNER, Category.WARNING, BODY)).isTrue();
    }

    @Test
    void aReplayCopyStartsAgainWithoutRoutingAndWithOnlyTheNewReplay() {
        Headers source = AlertEnvelope.ingested(stamp()).writeTo(new RecordHeaders());
        Routing.deadLetter("channel-failed", "x", "slack", 3, "alerts.warning", 0, 7, Instant.EPOCH).writeTo(source);
        ReplayStamp.signed(SIGNER, "old", ReplayMode.FORCE, "req-1").writeTo(source);
        ReplayStamp redrive = ReplayStamp.signed(SIGNER, "new", ReplayMode.REDRIVE, "req-1");

        AlertEnvelope read = AlertEnvelope.read(AlertEnvelope.replayCopy(source, redrive));

        assertThat(read.routing()).isEqualTo(Routing.NONE);
        assertThat(read.replay()).isEqualTo(redrive);
        assertThat(read.request()).isEqualTo(stamp());
    }

    @Test
    void freeTextIsCutToTheRecordBudget() {
        String longText = "é".repeat(RecordBudget.MAX_HEADER_TEXT_BYTES);
        Headers headers = new RecordHeaders();
        Routing.retry(2, Instant.EPOCH, longText, longText).writeTo(headers);

        assertThat(headers.lastHeader(AlertlineHeaders.EXCEPTION).value().length)
                .isLessThanOrEqualTo(RecordBudget.MAX_HEADER_TEXT_BYTES);
        assertThat(headers.lastHeader(AlertlineHeaders.CHANNEL).value().length)
                .isLessThanOrEqualTo(RecordBudget.MAX_HEADER_TEXT_BYTES);
    }
}
