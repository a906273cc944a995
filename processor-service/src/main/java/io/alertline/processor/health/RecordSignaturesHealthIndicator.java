package io.alertline.processor.health;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.alertline.processor.consume.SignatureRejections;

/**
 * Actuator health {@code recordSignatures} (readiness): DOWN while records have been rejected
 * for a bad ingest signature within {@code recent}, with how many since start, since when, and
 * the last one's topic-partition@offset. Readiness, because a processor whose key differs from
 * the ingest's does no work at all; {@code recent} lets a single forged record pass off again.
 */
public class RecordSignaturesHealthIndicator implements HealthIndicator {

    private final SignatureRejections rejections;
    private final Duration recent;
    private final Clock clock;

    public RecordSignaturesHealthIndicator(SignatureRejections rejections, Duration recent, Clock clock) {
        this.rejections = rejections;
        this.recent = recent;
        this.clock = clock;
    }

    @Override
    public Health health() {
        SignatureRejections.Summary s = rejections.summary();
        if (s.count() == 0) {
            return Health.up().withDetail("rejected", 0).build();
        }
        boolean recently = Duration.between(s.lastAt(), clock.instant()).compareTo(recent) < 0;
        return (recently ? Health.down() : Health.up())
                .withDetail("rejected", s.count())
                .withDetail("since", s.since().toString())
                .withDetail("last_at", s.lastAt().toString())
                .withDetail("last_record", s.lastRecord())
                .build();
    }
}
