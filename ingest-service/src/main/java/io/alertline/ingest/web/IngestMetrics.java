package io.alertline.ingest.web;

import java.util.List;
import java.util.Locale;

import io.alertline.common.auth.AuthScheme;
import io.alertline.common.auth.VerificationFailure;
import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The ingest's own meters. The request counters, one per accepted or refused request, are
 * resolved once into an array (endpoint x status): a meter provider's lookup builds and compares
 * a tag set per call, which the profile showed on every request.
 *
 * <p>Every series is registered at zero when this is built: an alert on {@code rate(x[5m])}
 * or {@code increase(x[15m]) > 0} sees nothing for a series that does not exist yet, so a
 * lazily created counter would hide the first 503s or auth failures after a start. The tag
 * sets are closed (endpoints, the statuses the handler can answer, schemes, failure reasons),
 * so pre-registering them all is cheap and bounds the registry at the same time.
 */
public class IngestMetrics {

    /** Every status {@link Responses} can answer a webhook with. */
    static final List<Integer> ANSWERED_STATUSES = List.of(200, 400, 401, 413, 429, 431, 503);
    /** The scheme tag when a request presented no credential at all ({@code AuthOutcome#schemeTag}). */
    static final String NO_SCHEME = "none";
    static final String MISSING = reason(VerificationFailure.MISSING);

    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Counter> authFailures;
    private final Meter.MeterProvider<Counter> rateLimited;
    private final DistributionSummary bodySize;
    /** [category ordinal][index in ANSWERED_STATUSES]. */
    private final Counter[][] requestCounters = new Counter[Category.values().length][ANSWERED_STATUSES.size()];

    public IngestMetrics(MeterRegistry registry) {
        this.requests = Counter.builder("alertline.ingest.requests")
                .description("Webhook requests by endpoint and HTTP status").withRegistry(registry);
        this.authFailures = Counter.builder("alertline.ingest.auth.failures")
                .description("Rejected authentications by scheme and reason").withRegistry(registry);
        this.rateLimited = Counter.builder("alertline.ingest.rate.limited")
                .description("Requests refused by the rate limiter").withRegistry(registry);
        this.bodySize = DistributionSummary.builder("alertline.ingest.body.size").baseUnit("bytes")
                .description("Sizes of accepted request bodies").publishPercentileHistogram().register(registry);
        registerAll();
    }

    private void registerAll() {
        for (Category category : Category.values()) {
            for (int i = 0; i < ANSWERED_STATUSES.size(); i++) {
                requestCounters[category.ordinal()][i] = requestCounter(category, ANSWERED_STATUSES.get(i));
            }
            rateLimitedCounter(category);
        }
        authFailureCounter(NO_SCHEME, MISSING);
        for (AuthScheme scheme : AuthScheme.values()) {
            for (VerificationFailure failure : VerificationFailure.values()) {
                authFailureCounter(scheme.id(), reason(failure));
            }
        }
    }

    /** The reason tag of a failed verification. */
    static String reason(VerificationFailure failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }

    void request(Category category, int status) {
        int index = ANSWERED_STATUSES.indexOf(status); // 7 boxed compares, no allocation for these values
        (index >= 0 ? requestCounters[category.ordinal()][index] : requestCounter(category, status)).increment();
    }

    void authFailure(String scheme, String reason) {
        authFailureCounter(scheme, reason).increment();
    }

    void rateLimited(Category category) {
        rateLimitedCounter(category).increment();
    }

    void bodySize(int bytes) {
        bodySize.record(bytes);
    }

    private Counter requestCounter(Category category, int status) {
        return requests.withTags(Tags.of("endpoint", category.path(), "status", Integer.toString(status)));
    }

    private Counter authFailureCounter(String scheme, String reason) {
        return authFailures.withTags(Tags.of("scheme", scheme, "reason", reason));
    }

    private Counter rateLimitedCounter(Category category) {
        return rateLimited.withTags(Tags.of("endpoint", category.path()));
    }
}
