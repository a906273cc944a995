package io.alertline.processor.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import io.alertline.common.topic.Category;

/**
 * Decides whether a category is stuck: some partition of its topic has records waiting (the
 * group's committed offset is behind the end) and that committed offset has not moved for
 * longer than the category's allowance. A category that is busy but committing is never
 * stuck, however long its backlog; an idle one is never stuck, however old its last commit.
 *
 * <p>The clock of "waiting since" starts at the first observation that saw records waiting at
 * the current committed offset, not at the last commit: a partition idle for an hour that gets
 * one new record has been waiting for seconds, not an hour.
 */
public final class StuckCategoryDetector {

    /** A stuck category: since when its oldest stuck partition has waited, and its records waiting there. */
    public record Stuck(Category category, Instant since, long lag, List<Integer> partitions, Duration stuckAfter) {

        /** As health responses show it. */
        public Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("category", category.id());
            map.put("since", since.toString());
            map.put("lag", lag);
            map.put("partitions", partitions);
            map.put("stuck_after", stuckAfter.toString());
            return map;
        }
    }

    private record PartitionProgress(long committed, long lag, Instant waitingSince) {
    }

    private final Function<Category, Duration> stuckAfter;
    private final Clock clock;
    private final Map<Category, Map<Integer, PartitionProgress>> progress = new EnumMap<>(Category.class);

    public StuckCategoryDetector(Function<Category, Duration> stuckAfter, Clock clock) {
        this.stuckAfter = stuckAfter;
        this.clock = clock;
    }

    /**
     * One look at a category's topic: per partition, the group's committed offset (the log's
     * start where the group has none, as that is where it will begin) and the end offset.
     */
    public synchronized void observe(Category category, Map<Integer, Long> committed, Map<Integer, Long> endOffsets) {
        Instant now = clock.instant();
        Map<Integer, PartitionProgress> before = progress.getOrDefault(category, Map.of());
        Map<Integer, PartitionProgress> after = new HashMap<>();
        endOffsets.forEach((partition, end) -> {
            Long offset = committed.get(partition);
            if (offset == null) {
                return;
            }
            long lag = Math.max(0, end - offset);
            PartitionProgress last = before.get(partition);
            Instant since = null;
            if (lag > 0) {
                boolean sameWait = last != null && last.waitingSince() != null && last.committed() == offset;
                since = sameWait ? last.waitingSince() : now;
            }
            after.put(partition, new PartitionProgress(offset, lag, since));
        });
        progress.put(category, after);
    }

    /**
     * The category's records waiting (summed over partitions) at the last observation; empty
     * before the first one. For the lag gauge, so it shows exactly what "stuck" is decided on.
     */
    public synchronized OptionalLong lag(Category category) {
        Map<Integer, PartitionProgress> partitions = progress.get(category);
        return partitions == null ? OptionalLong.empty()
                : OptionalLong.of(partitions.values().stream().mapToLong(PartitionProgress::lag).sum());
    }

    /** The categories stuck right now, in category order. */
    public synchronized List<Stuck> stuck() {
        Instant now = clock.instant();
        List<Stuck> stuck = new ArrayList<>();
        progress.forEach((category, partitions) -> {
            Duration allowance = stuckAfter.apply(category);
            Instant oldest = null;
            long lag = 0;
            List<Integer> stuckPartitions = new ArrayList<>();
            for (Map.Entry<Integer, PartitionProgress> e : new java.util.TreeMap<>(partitions).entrySet()) {
                Instant since = e.getValue().waitingSince();
                if (since != null && Duration.between(since, now).compareTo(allowance) >= 0) {
                    stuckPartitions.add(e.getKey());
                    lag += e.getValue().lag();
                    oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
                }
            }
            if (!stuckPartitions.isEmpty()) {
                stuck.add(new Stuck(category, oldest, lag, List.copyOf(stuckPartitions), allowance));
            }
        });
        return stuck;
    }
}
