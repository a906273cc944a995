package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaProducerException;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.topic.Category;

class AlertRecordHeadersTest {

    private static final RecordSigner SIGNER = new RecordSigner("test-record-signing-key-0123456789");

    /** Bytes Kafka stores for the headers: per header a varint length and the key, a varint length and the value. */
    private static int storedSize(Iterable<Header> headers) {
        int size = 5; // the header count, a varint
        for (Header header : headers) {
            size += 5 + header.key().getBytes(StandardCharsets.UTF_8).length + 5 + header.value().length;
        }
        return size;
    }

    @Test
    void theLargestHeadersTheIngestWritesFitItsHeaderAllowance() {
        String signature = "v1," + "s".repeat(AlertRecord.MAX_SENDER_HEADER_BYTES / 2);
        String timestamp = "1767225600";
        String webhookId = "i".repeat(AlertRecord.MAX_SENDER_HEADER_BYTES - signature.length() - timestamp.length());
        AlertRecord record = new AlertRecord(Category.DATABASE, "k".repeat(64), new byte[10], "0".repeat(36),
                Long.MAX_VALUE, "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255%some-long-interface-name",
                "standard-webhooks", signature, timestamp, webhookId);
        assertThat(record.senderHeaderBytes()).isEqualTo(AlertRecord.MAX_SENDER_HEADER_BYTES);

        assertThat(storedSize(AlertPublisher.headers(record, SIGNER))).isLessThanOrEqualTo(RecordBudget.INGEST_HEADER_BYTES);
    }

    @Test
    void senderHeaderBytesCountUtf8AsStored() {
        AlertRecord record = new AlertRecord(Category.AI, "k", new byte[0], "id", 0, "127.0.0.1", "hmac",
                "é\u00ff", "😀", null);
        assertThat(record.senderHeaderBytes()).isEqualTo(("é\u00ff" + "😀").getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void recognisesKafkasTooLargeRefusalHoweverItIsWrapped() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 1100000 bytes");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("t", new byte[0]);

        assertThat(AlertPublisher.isRecordTooLarge(tooLarge)).isTrue();
        assertThat(AlertPublisher.isRecordTooLarge(new KafkaProducerException(record, "Failed to send", tooLarge)))
                .as("client-side, through spring-kafka").isTrue();
        assertThat(AlertPublisher.isRecordTooLarge(new CompletionException(
                new KafkaProducerException(record, "Failed to send", tooLarge)))).as("through the future").isTrue();
        assertThat(AlertPublisher.isRecordTooLarge(new KafkaProducerException(record, "Failed to send",
                new TimeoutException("Expiring 1 record(s)")))).isFalse();
        assertThat(AlertPublisher.isRecordTooLarge(new java.util.concurrent.TimeoutException())).isFalse();
    }
}
