package io.alertline.processor.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.alertline.common.record.AlertEnvelope;
import io.alertline.common.record.RecordSigner;
import io.alertline.common.record.RequestStamp;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;

/** Writes records exactly as the ingest does (or deliberately not), for processor tests. */
public final class SignedRecords implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final RecordSigner signer = new RecordSigner(Apps.RECORD_SIGNING_KEY);

    public SignedRecords(String topicPrefix) {
        this(topicPrefix, Map.of());
    }

    /** With producer settings of the test's own (a larger {@code max.request.size}, say). */
    public SignedRecords(String topicPrefix, Map<String, Object> producerOverrides) {
        this.topics = new TopicNames(topicPrefix);
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5));
        config.putAll(producerOverrides);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A correctly signed record; returns its request id. */
    public String send(Category category, String key, String body) {
        String requestId = UUID.randomUUID().toString();
        long receivedAt = System.currentTimeMillis();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        send(category, key, bytes, requestId, receivedAt, signer.sign(requestId, receivedAt, category.id(), bytes));
        return requestId;
    }

    /** A record with whatever signature the test wants (or none). */
    public void send(Category category, String key, byte[] body, String requestId, long receivedAt, String signature) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.category(category), null, key, body,
                headers(requestId, receivedAt, category, signature));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers of a record as the ingest writes them (a null signature is left out). */
    public static Headers headers(String requestId, long receivedAt, Category category, String signature) {
        RequestStamp stamp = new RequestStamp(requestId, Instant.ofEpochMilli(receivedAt), category, null, null, null,
                null, null, signature);
        return AlertEnvelope.ingested(stamp).writeTo(new RecordHeaders());
    }

    public RecordSigner signer() {
        return signer;
    }

    @Override
    public void close() {
        producer.close();
    }
}
