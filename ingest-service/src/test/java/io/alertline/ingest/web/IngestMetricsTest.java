package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.alertline.common.auth.AuthScheme;
import io.alertline.common.auth.VerificationFailure;
import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every series exists, at zero, as soon as the metrics are built: an alert on rate() or
 * increase() must see the first 503 or failed authentication after a start.
 */
class IngestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyRequestSeriesExistsAtZeroRightAfterConstruction() {
        new IngestMetrics(registry);

        for (Category category : Category.values()) {
            for (int status : new int[] {200, 400, 401, 413, 429, 431, 503}) {
                Counter counter = registry.find("alertline.ingest.requests").tag("endpoint", category.path())
                        .tag("status", Integer.toString(status)).counter();
                assertThat(counter).as("%s %s", category, status).isNotNull();
                assertThat(counter.count()).isZero();
            }
            assertThat(registry.find("alertline.ingest.rate.limited").tag("endpoint", category.path()).counter())
                    .as("rate limited %s", category).isNotNull();
        }
        assertThat(registry.find("alertline.ingest.requests").counters()).hasSize(Category.values().length * 7);
        assertThat(registry.find("alertline.ingest.body.size").summary()).isNotNull();
    }

    @Test
    void everyAuthFailureSeriesExistsAtZeroRightAfterConstruction() {
        new IngestMetrics(registry);

        Set<String> series = registry.find("alertline.ingest.auth.failures").counters().stream().map(Meter::getId)
                .map(id -> id.getTag("scheme") + "/" + id.getTag("reason")).collect(Collectors.toSet());
        assertThat(series).contains("none/missing");
        for (AuthScheme scheme : AuthScheme.values()) {
            for (VerificationFailure failure : VerificationFailure.values()) {
                assertThat(series).contains(scheme.id() + "/" + failure.name().toLowerCase());
            }
        }
        assertThat(series).hasSize(AuthScheme.values().length * VerificationFailure.values().length + 1);
    }

    @Test
    void countingUsesTheRegisteredSeries() {
        IngestMetrics metrics = new IngestMetrics(registry);
        int before = registry.getMeters().size();

        metrics.request(Category.CRITICAL, 503);
        metrics.authFailure(IngestMetrics.NO_SCHEME, IngestMetrics.MISSING);
        metrics.rateLimited(Category.GPU);

        assertThat(registry.getMeters()).hasSize(before);
        assertThat(registry.find("alertline.ingest.requests").tag("endpoint", "/webhook/critical").tag("status", "503")
                .counter().count()).isEqualTo(1);
        assertThat(registry.find("alertline.ingest.auth.failures").tag("scheme", IngestMetrics.NO_SCHEME)
                .tag("reason", IngestMetrics.MISSING).counter().count()).isEqualTo(1);
        assertThat(registry.find("alertline.ingest.rate.limited").tag("endpoint", "/webhook/gpu").counter().count())
                .isEqualTo(1);
    }
}
