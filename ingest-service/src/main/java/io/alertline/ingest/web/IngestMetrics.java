package io.alertline.ingest.web;

import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The ingest's own meters; meter providers keep the per-request cost to a cached lookup. */
public class IngestMetrics {

    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Counter> authFailures;
    private final Meter.MeterProvider<Counter> rateLimited;
    private final DistributionSummary bodySize;

    public IngestMetrics(MeterRegistry registry) {
        this.requests = Counter.builder("alertline.ingest.requests")
                .description("Webhook requests by endpoint and HTTP status").withRegistry(registry);
        this.authFailures = Counter.builder("alertline.ingest.auth.failures")
                .description("Rejected authentications by scheme and reason").withRegistry(registry);
        this.rateLimited = Counter.builder("alertline.ingest.rate.limited")
                .description("Requests refused by the rate limiter").withRegistry(registry);
        this.bodySize = DistributionSummary.builder("alertline.ingest.body.size").baseUnit("bytes")
                .description("Sizes of accepted request bodies").publishPercentileHistogram().register(registry);
    }

    void request(Category category, int status) {
        requests.withTags(Tags.of("endpoint", category.path(), "status", Integer.toString(status))).increment();
    }

    void authFailure(String scheme, String reason) {
        authFailures.withTags(Tags.of("scheme", scheme, "reason", reason)).increment();
    }

    void rateLimited(Category category) {
        rateLimited.withTags(Tags.of("endpoint", category.path())).increment();
    }

    void bodySize(int bytes) {
        bodySize.record(bytes);
    }
}
