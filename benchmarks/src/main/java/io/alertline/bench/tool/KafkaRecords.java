package io.alertline.bench.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import tools.jackson.databind.JsonNode;

/**
 * The durability check of a bench run: the records in the ingest's category topics (end minus
 * start offsets; the broker is fresh every run) against the 200 answers every load phase
 * counted. Each 200 is given only after the broker's ack of its record, and the producer is
 * idempotent, so the run is complete when records >= 200s (more records than 200s means answers
 * the load generator never read, e.g. requests in flight when wrk stopped).
 *
 * <p>{@code --kafka BOOTSTRAP --expect-from a.json,b.json --out FILE [--prefix alerts]}: each
 * phase file's {@code ok_total} (the fixed-rate tool: warm-up included) or else {@code ok} (wrk).
 */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static int run(Args args) throws Exception {
        TopicNames topics = new TopicNames(args.get("prefix", "alerts"));
        long answered = 0;
        Map<String, Long> perPhase = new LinkedHashMap<>();
        for (String file : args.get("expect-from").split(",")) {
            Path p = Path.of(file);
            if (!Files.exists(p)) {
                continue;
            }
            JsonNode phase = Report.MAPPER.readTree(Files.readString(p));
            long ok = phase.has("ok_total") ? phase.path("ok_total").asLong() : phase.path("ok").asLong();
            perPhase.put(p.getFileName().toString(), ok);
            answered += ok;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("kafka"));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "alertline-bench-records");
        long records = 0;
        Map<String, Long> perTopic = new LinkedHashMap<>();
        try (Admin admin = Admin.create(props)) {
            List<String> names = new ArrayList<>();
            for (Category category : Category.values()) {
                names.add(topics.category(category));
            }
            Map<String, TopicDescription> described = new HashMap<>();
            for (String name : names) { // a category nobody wrote to may not exist
                try {
                    described.putAll(admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    perTopic.put(name, 0L);
                }
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.forEach((name, d) -> d.partitions().forEach(info -> {
                TopicPartition tp = new TopicPartition(name, info.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                    admin.listOffsets(earliest).all().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
            for (TopicPartition tp : latest.keySet()) {
                long n = ends.get(tp).offset() - starts.get(tp).offset();
                perTopic.merge(tp.topic(), n, Long::sum);
                records += n;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answered_200", answered);
        out.put("answered_200_by_phase", perPhase);
        out.put("records_in_kafka", records);
        out.put("records_by_topic", perTopic);
        out.put("every_200_in_kafka", records >= answered);
        Files.writeString(Path.of(args.get("out")), Report.json(out));
        return records >= answered ? 0 : 5;
    }
}
