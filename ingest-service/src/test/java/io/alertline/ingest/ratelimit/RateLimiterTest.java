package io.alertline.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.alertline.common.config.CategoryNumbersConverter;
import io.alertline.common.topic.Category;
import io.alertline.ingest.config.IngestProperties;

class RateLimiterTest {

    private static RateLimiter limiter(int perMinute, String perEndpoint, int maxClients) {
        return new RateLimiter(new IngestProperties.RateLimit(perMinute,
                perEndpoint == null ? null : new CategoryNumbersConverter().convert(perEndpoint), List.of(), maxClients),
                Clock.systemUTC());
    }

    @Test
    void perEndpointLimitsOverrideTheDefault() {
        RateLimiter limiter = limiter(2, "critical=3", 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume(Category.CRITICAL, "a").allowed()).isTrue();
        }
        assertThat(limiter.tryConsume(Category.CRITICAL, "a").allowed()).isFalse();
        assertThat(limiter.tryConsume(Category.WARNING, "a").limit()).isEqualTo(2);
    }

    @Test
    void endpointsHaveSeparateBudgets() {
        RateLimiter limiter = limiter(1, null, 100);
        assertThat(limiter.tryConsume(Category.CRITICAL, "a").allowed()).isTrue();
        assertThat(limiter.tryConsume(Category.CRITICAL, "a").allowed()).isFalse();
        assertThat(limiter.tryConsume(Category.GPU, "a").allowed()).isTrue();
    }

    @Test
    void manyDistinctAddressesStayBounded() {
        RateLimiter limiter = limiter(10, null, 1000);
        for (int i = 0; i < 20_000; i++) {
            limiter.tryConsume(Category.GENERIC, "addr-" + i);
        }
        assertThat(limiter.trackedBuckets()).isLessThanOrEqualTo(1000);
    }

    @Test
    void rejectsUnknownEndpointOverrides() {
        assertThatThrownBy(() -> limiter(10, "nuclear=5", 10)).hasMessageContaining("critical=60,warning=30").hasMessageContaining("nuclear=5");
    }
}
