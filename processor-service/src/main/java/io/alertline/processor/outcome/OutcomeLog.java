package io.alertline.processor.outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.alertline.common.logging.FailureSummary;

/**
 * Tails the whole compacted outcome topic into the {@link OutcomeIndex} on one background thread
 * (no consumer group: every instance reads every partition). {@link #awaitCaughtUp} blocks until
 * the tail has read up to the topic's end offsets as they are now: the rebalance listener calls
 * it before a newly assigned partition is processed, so work another instance finished just
 * before a crash or rebalance is never repeated.
 *
 * <p>At start it reads only the newest outcomes the index can hold ({@code indexCapacity}, with a
 * quarter to spare for keys written more than once), spread over the partitions by their sizes:
 * the index is bounded anyway, so older outcomes would be evicted as soon as they were read, and
 * a restart after a million outcomes must not spend half a minute decoding them.
 */
public class OutcomeLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeLog.class);
    /** Restarts of the tail: during a broker outage one every few seconds, so summarised. */
    private final FailureSummary tailFailures = new FailureSummary(log, "outcome log tail failed, restarting in 1 s",
            Duration.ofMinutes(1));

    private final java.util.function.Supplier<Consumer<String, byte[]>> consumerFactory;
    private final String topic;
    private final OutcomeCodec codec;
    private final OutcomeIndex index;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile List<TopicPartition> partitions = List.of();
    private final long indexCapacity;
    private volatile long startedAt;
    private volatile boolean reportedCaughtUp;
    private volatile long toRead;
    private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    /** Outcomes not yet read, from the consumer's own fetch responses (no request of its own); -1 = not known yet. */
    private volatile long lag = -1;

    /** @param indexCapacity how many alerts the index holds ({@code OUTCOME_INDEX_MAX_ENTRIES}) */
    public OutcomeLog(java.util.function.Supplier<Consumer<String, byte[]>> consumerFactory, String topic,
            OutcomeCodec codec, OutcomeIndex index, long indexCapacity) {
        this.consumerFactory = consumerFactory;
        this.topic = topic;
        this.codec = codec;
        this.index = index;
        this.indexCapacity = indexCapacity;
    }

    @Override
    public void start() {
        startedAt = System.nanoTime();
        running = true;
        thread = new Thread(this::run, "outcome-log");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers, which wait on it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /**
     * Waits until every outcome written before this call is in the index.
     *
     * @param endOffsets the outcome topic's end offsets, fetched by the caller just now
     */
    public void awaitCaughtUp(Map<TopicPartition, Long> endOffsets, Duration timeout) throws TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (progress) {
            while (!caughtUp(endOffsets)) {
                long wait = Duration.between(Instant.now(), deadline).toMillis();
                if (wait <= 0) {
                    throw new TimeoutException("outcome index did not catch up within " + timeout);
                }
                try {
                    progress.wait(Math.min(wait, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted");
                }
            }
        }
    }

    public boolean caughtUp(Map<TopicPartition, Long> endOffsets) {
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (end.getValue() > 0 && positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many outcomes the index has yet to read, as of the tail's last fetch (the broker's high
     * watermark it reported); -1 until every partition has been fetched once.
     */
    public long behind() {
        return lag;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> c = consumerFactory.get()) {
                consumer = c;
                assignAll(c);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        apply(record);
                    }
                    long behind = 0;
                    for (TopicPartition tp : partitions) {
                        positions.put(tp, c.position(tp));
                        java.util.OptionalLong partitionLag = c.currentLag(tp);
                        behind = behind < 0 || partitionLag.isEmpty() ? -1 : behind + partitionLag.getAsLong();
                    }
                    lag = behind;
                    reportFirstCatchUp();
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    tailFailures.record(e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void assignAll(Consumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(partitions);
        List<TopicPartition> fresh = partitions.stream().filter(tp -> positions.getOrDefault(tp, 0L) == 0L).toList();
        Map<TopicPartition, Long> starts = tailStarts(c, fresh);
        fresh.forEach(tp -> c.seek(tp, starts.get(tp)));
        partitions.stream().filter(tp -> !fresh.contains(tp)).forEach(tp -> c.seek(tp, positions.get(tp)));
    }

    /** Where to start reading each partition: its newest share of what the index can hold. */
    private Map<TopicPartition, Long> tailStarts(Consumer<String, byte[]> c, List<TopicPartition> fresh) {
        Map<TopicPartition, Long> begin = c.beginningOffsets(fresh, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = c.endOffsets(fresh, Duration.ofSeconds(30));
        long total = 0;
        for (TopicPartition tp : fresh) {
            total += end.get(tp) - begin.get(tp);
        }
        long budget = indexCapacity + indexCapacity / 4;
        Map<TopicPartition, Long> starts = new HashMap<>();
        long reading = 0;
        for (TopicPartition tp : fresh) {
            long size = end.get(tp) - begin.get(tp);
            long share = total <= budget ? size : (long) Math.ceil((double) budget * size / total);
            starts.put(tp, Math.max(begin.get(tp), end.get(tp) - share));
            reading += end.get(tp) - starts.get(tp);
        }
        toRead = reading;
        if (total > budget) {
            log.info("outcome index: reading the newest {} of {} outcomes (the index holds {})", reading, total,
                    indexCapacity);
        }
        return starts;
    }

    private void reportFirstCatchUp() {
        if (reportedCaughtUp || lag != 0) {
            return;
        }
        reportedCaughtUp = true;
        log.info("outcome index caught up: {} outcomes read in {} ms ({} to read at start)", read.get(),
                (System.nanoTime() - startedAt) / 1_000_000, toRead);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        read.incrementAndGet();
        try {
            index.put(codec.decode(record.value()));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable outcome at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
