package io.alertline.processor.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.alertline.common.topic.Category;
import io.alertline.common.topic.TopicNames;
import io.alertline.processor.config.ProcessorProperties;

/**
 * Feeds the {@link StuckCategoryDetector} from Kafka's own books: each category group's
 * committed offsets against its topic's end offsets, read with the admin client on a fixed
 * cadence. Kafka's view rather than the consumers' own, because it also sees a consumer thread
 * that hangs without failing, a container that stopped, and a partition held by another
 * instance: "stuck" is a fact about the category, whichever instance holds it.
 *
 * <p>Only category topics are watched. A retry topic's records wait on purpose until their
 * not-before time, which a chat API's Retry-After can push out arbitrarily; and what stalls a
 * retry topic for good (the outcome topic refusing writes) stalls its category topic too.
 */
public class CategoryProgressMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CategoryProgressMonitor.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final TopicNames topics;
    private final ProcessorProperties.Consumer consumer;
    private final StuckCategoryDetector detector;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private volatile boolean lastSampleFailed;

    public CategoryProgressMonitor(Admin admin, TopicNames topics, ProcessorProperties.Consumer consumer,
            StuckCategoryDetector detector, Duration interval) {
        this.admin = admin;
        this.topics = topics;
        this.consumer = consumer;
        this.detector = detector;
        this.interval = interval;
    }

    /** A quarter of the allowance, so "stuck" is reported at most a quarter late; within [200 ms, 15 s]. */
    public static Duration intervalFor(Duration stuckAfter) {
        long millis = Math.max(200, Math.min(15_000, stuckAfter.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    /** One look at every category; also callable directly. */
    public void sample() {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(
                    java.util.Arrays.stream(Category.values()).map(topics::category).toList()).allTopicNames()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Category> byGroup = new HashMap<>();
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            for (Category category : Category.values()) {
                String topic = topics.category(category);
                byGroup.put(consumer.groupFor(category), category);
                specs.put(consumer.groupFor(category), new ListConsumerGroupOffsetsSpec().topicPartitions(
                        described.get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                                .toList()));
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> all = specs.values().stream().flatMap(s -> s.topicPartitions().stream()).toList();
            Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
            List<TopicPartition> neverCommitted = new ArrayList<>();
            committed.forEach((group, offsets) -> specs.get(group).topicPartitions().stream()
                    .filter(tp -> offsets.get(tp) == null).forEach(neverCommitted::add));
            // A group with no commit begins at the log's start (auto.offset.reset=earliest).
            Map<TopicPartition, Long> starts = neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
            committed.forEach((group, offsets) -> {
                Map<Integer, Long> position = new HashMap<>();
                Map<Integer, Long> end = new HashMap<>();
                for (TopicPartition tp : specs.get(group).topicPartitions()) {
                    OffsetAndMetadata c = offsets.get(tp);
                    position.put(tp.partition(), c != null ? c.offset() : starts.get(tp));
                    end.put(tp.partition(), ends.get(tp));
                }
                detector.observe(byGroup.get(group), position, end);
            });
            lastSampleFailed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Kafka being away shows on health by itself; say so here once, not every few seconds.
            if (!lastSampleFailed) {
                log.warn("could not read the category groups' progress from Kafka (will keep trying): {}", e.toString());
            }
            lastSampleFailed = true;
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "category-progress");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
