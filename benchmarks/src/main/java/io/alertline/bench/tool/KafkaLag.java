package io.alertline.bench.tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The processor's consumer lag as the broker sees it: for each log-only category topic, its end
 * offsets minus the offsets committed by the processor's group for it ({@code <group>.<category>}),
 * in records (one record = one request). Read from the broker, so it is right from the first
 * second and while the processor itself is too busy to answer.
 */
final class KafkaLag implements AutoCloseable {

    static final List<String> CATEGORIES = List.of("generic", "gpu", "ai", "database");

    private final Admin admin;
    private final String groupPrefix;
    private final String topicPrefix;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    KafkaLag(String bootstrap, String groupPrefix, String topicPrefix) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "alertline-bench-lag");
        this.admin = Admin.create(p);
        this.groupPrefix = groupPrefix;
        this.topicPrefix = topicPrefix;
    }

    /** Total lag in records over the log-only category topics; NaN if the broker did not answer. */
    double total() {
        try {
            if (partitions.isEmpty()) {
                List<String> topics = CATEGORIES.stream().map(c -> topicPrefix + "." + c).toList();
                Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(8, TimeUnit.SECONDS);
                for (String category : CATEGORIES) {
                    List<TopicPartition> tps = new ArrayList<>();
                    d.get(topicPrefix + "." + category).partitions()
                            .forEach(info -> tps.add(new TopicPartition(topicPrefix + "." + category, info.partition())));
                    partitions.put(category, tps);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
            for (String category : CATEGORIES) {
                partitions.get(category).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                groups.put(groupPrefix + "." + category,
                        new ListConsumerGroupOffsetsSpec().topicPartitions(partitions.get(category)));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(8, TimeUnit.SECONDS);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                    admin.listConsumerGroupOffsets(groups).all().get(8, TimeUnit.SECONDS);
            double total = 0;
            for (String category : CATEGORIES) {
                Map<TopicPartition, OffsetAndMetadata> c = committed.getOrDefault(groupPrefix + "." + category, Map.of());
                for (TopicPartition tp : partitions.get(category)) {
                    OffsetAndMetadata om = c.get(tp);
                    total += Math.max(0, ends.get(tp).offset() - (om == null ? 0 : om.offset()));
                }
            }
            return total;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
