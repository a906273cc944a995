package io.alertline.ingest.ratelimit;

/** One request's standing against its client's budget, in the units of the X-RateLimit-* headers. */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetEpochSeconds,
        long retryAfterSeconds) {
}
