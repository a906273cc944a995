package io.alertline.bench.drill;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills an outcome topic with {@code count} distinct outcomes, made from real outcome documents
 * (one JSON per line, e.g. read from a drill's alerts.outcomes) with their ids made unique, to
 * measure how long a starting processor's outcome index takes to catch up with a topic that size.
 */
final class OutcomeFill {

    private OutcomeFill() {
    }

    static int run(String bootstrap, String topic, long count, Path templates) throws Exception {
        List<String> docs = Files.readAllLines(templates, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{")).toList();
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("no JSON documents in " + templates);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                String doc = docs.get((int) (i % docs.size()));
                String id = "fill-" + i;
                // the ids the index keys on, made unique per copy
                String unique = doc.replaceFirst("\"key\":\"[^\"]*\"", "\"key\":\"" + id + "\"")
                        .replaceFirst("\"idempotency_key\":\"[^\"]*\"", "\"idempotency_key\":\"" + id + "\"")
                        .replaceFirst("\"request_id\":\"[^\"]*\"", "\"request_id\":\"" + id + "\"");
                byte[] value = unique.getBytes(StandardCharsets.UTF_8);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, id, value));
            }
            producer.flush();
        }
        System.out.printf("%d outcomes (%d MB uncompressed) written to %s in %.1f s%n", count, bytes >> 20, topic,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
