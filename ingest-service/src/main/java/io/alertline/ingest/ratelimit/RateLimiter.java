package io.alertline.ingest.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.alertline.common.topic.Category;
import io.alertline.ingest.config.IngestProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-client, per-endpoint token buckets (bucket4j), refilled greedily over a minute. The map
 * of buckets is a bounded Caffeine cache: a flood of distinct addresses evicts old buckets
 * instead of exhausting memory, and an idle client's bucket expires once it would be full anyway.
 */
public class RateLimiter {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Map<String, Integer> limits;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(IngestProperties.RateLimit config, Clock clock) {
        this.limits = config.limits();
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxTrackedClients())
                .expireAfterAccess(PERIOD.multipliedBy(2))
                // its upkeep (a few microseconds, no I/O) on the caller, not a task handed to the
                // common pool per batch of reads: the hand-off and wake-up cost more than the work
                .executor(Runnable::run)
                .build();
    }

    /** Takes one token from the client's bucket for this endpoint. */
    public RateLimitDecision tryConsume(Category category, String clientAddress) {
        int limit = limits.get(category.id());
        Bucket bucket = buckets.get(category.id() + '|' + clientAddress, k -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long now = clock.millis();
        long resetEpochSeconds = TimeUnit.MILLISECONDS.toSeconds(now + TimeUnit.NANOSECONDS.toMillis(
                probe.getNanosToWaitForReset()) + 999);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimitDecision(probe.isConsumed(), limit, probe.getRemainingTokens(), resetEpochSeconds, retryAfter);
    }

    /** The client's standing without spending a token (for answers given before the limiter runs). */
    public RateLimitDecision peek(Category category, String clientAddress) {
        int limit = limits.get(category.id());
        Bucket bucket = buckets.getIfPresent(category.id() + '|' + clientAddress);
        long remaining = bucket == null ? limit : bucket.getAvailableTokens();
        return new RateLimitDecision(true, limit, remaining, TimeUnit.MILLISECONDS.toSeconds(clock.millis()), 0);
    }

    long trackedBuckets() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static Bucket newBucket(int limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, PERIOD).build())
                .build();
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
