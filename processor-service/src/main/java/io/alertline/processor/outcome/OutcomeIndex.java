package io.alertline.processor.outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The processor's memory of what is done, rebuilt from {@code alerts.outcomes} at start-up and
 * kept current by our own writes and by the outcome log tail (other instances' writes).
 *
 * <p>Keys expire with the dedup window and the map is bounded (Caffeine), and a finished
 * outcome is kept in a slim form, so memory stays bounded at any alert rate. A bounded history
 * of recent documents serves the audit API.
 */
public class OutcomeIndex {

    private final Cache<String, OutcomeDocument> byKey;
    private final Deque<OutcomeDocument> history = new ArrayDeque<>();
    private final int historySize;
    private final Duration window;
    private final Clock clock;
    private volatile Consumer<OutcomeDocument> listener = d -> { };

    /**
     * @param maxEntries bound on remembered alerts: past it the oldest are forgotten early (a
     *                   resend of one would then be acted on again), so memory stays bounded
     *                   whatever the alert rate; ≈ 0.45 KB per entry
     */
    public OutcomeIndex(int historySize, Duration window, long maxEntries, Clock clock) {
        this.historySize = historySize;
        this.window = window;
        this.clock = clock;
        this.byKey = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, OutcomeDocument>writing((key, doc) -> remaining(doc)))
                .build();
    }

    /** Time a document still counts for dedup: the window from when it was processed. */
    private Duration remaining(OutcomeDocument doc) {
        if (doc.processedAt() == null) {
            return window;
        }
        Duration left = Duration.between(clock.instant(), doc.processedAt().plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Called for every document that enters the index (e.g. to feed the recovery cooldown). */
    public void onDocument(Consumer<OutcomeDocument> listener) {
        this.listener = listener;
    }

    /**
     * Our own write, known the moment Kafka acknowledged it. The history and listeners see it
     * when the log tail reads it back, so each document appears there exactly once.
     */
    public void remember(OutcomeDocument doc) {
        if (isIdentity(doc)) {
            byKey.asMap().merge(doc.key(), doc.forIndex(), OutcomeIndex::newer);
        }
    }

    /** A document read from the outcome topic (ours or another instance's). */
    public void put(OutcomeDocument doc) {
        remember(doc);
        synchronized (history) {
            history.addFirst(doc);
            while (history.size() > historySize) {
                history.removeLast();
            }
        }
        listener.accept(doc);
    }

    /** Only an alert's own state is dedup memory; duplicates, rejections and uncopyable records are audit only. */
    private static boolean isIdentity(OutcomeDocument doc) {
        return doc.kind() == OutcomeKind.ALERT && doc.idempotencyKey() != null;
    }

    /** The latest document for an idempotency key, if it is still inside the dedup window. */
    public OutcomeDocument latest(String idempotencyKey) {
        return byKey.getIfPresent(idempotencyKey);
    }

    /** The newest documents first. */
    public List<OutcomeDocument> recent(int limit) {
        synchronized (history) {
            List<OutcomeDocument> out = new ArrayList<>(Math.min(limit, history.size()));
            Iterator<OutcomeDocument> it = history.iterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
            return out;
        }
    }

    /** The latest document of each alert of one request, oldest first. */
    public List<OutcomeDocument> byRequest(String requestId) {
        Map<String, OutcomeDocument> latestPerKey = new java.util.LinkedHashMap<>();
        synchronized (history) {
            Iterator<OutcomeDocument> it = history.descendingIterator();
            while (it.hasNext()) {
                OutcomeDocument doc = it.next();
                if (requestId.equals(doc.requestId())) {
                    latestPerKey.put(doc.key(), doc);
                }
            }
        }
        return new ArrayList<>(latestPerKey.values());
    }

    /** Alerts remembered for dedup right now (after pending expiry and size eviction). */
    public int size() {
        byKey.cleanUp();
        return (int) byKey.estimatedSize();
    }

    /** Documents can arrive out of order (our own write, then the log tail); keep the later one. */
    private static OutcomeDocument newer(OutcomeDocument current, OutcomeDocument candidate) {
        if (current.processedAt() == null || candidate.processedAt() == null) {
            return candidate;
        }
        return candidate.processedAt().isBefore(current.processedAt()) ? current : candidate;
    }
}
