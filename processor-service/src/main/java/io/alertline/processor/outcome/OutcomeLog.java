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

    public OutcomeLog(java.util.function.Supplier<Consumer<String, byte[]>> consumerFactory, String topic,
            OutcomeCodec codec, OutcomeIndex index) {
        this.consumerFactory = consumerFactory;
        this.topic = topic;
        this.codec = codec;
        this.index = index;
    }

    @Override
    public void start() {
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

    /** How many outcomes the index has yet to read to reach {@code endOffsets}; 0 when caught up. */
    public long behind(Map<TopicPartition, Long> endOffsets) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            behind += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
        }
        return behind;
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
                    for (TopicPartition tp : partitions) {
                        positions.put(tp, c.position(tp));
                    }
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
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition tp : partitions) {
            start.put(tp, positions.getOrDefault(tp, 0L));
        }
        c.seekToBeginning(partitions.stream().filter(tp -> start.get(tp) == 0L).toList());
        start.forEach((tp, offset) -> {
            if (offset > 0) {
                c.seek(tp, offset);
            }
        });
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            index.put(codec.decode(record.value()));
        } catch (RuntimeException e) {
            log.warn("skipping unreadable outcome at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
