package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.alertline.common.record.RecordBudget;
import io.alertline.common.record.RecordSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The skipped-copy counter exists for every operation and refusal before any replay runs. */
class CopyPublisherMetricsTest {

    @Test
    void everySkippedSeriesExistsAtZeroRightAfterConstruction() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new CopyPublisher(Map.of(), RecordBudget.forMaxBody(1024 * 1024),
                new RecordSigner("copy-publisher-metrics-key-0123"), registry);

        for (String operation : List.of("replay", "redrive")) {
            for (String reason : List.of("record-too-large", "invalid-record", "not-acknowledged")) {
                Counter counter = registry.find("alertline.processor.replay.skipped").tag("operation", operation)
                        .tag("reason", reason).counter();
                assertThat(counter).as(operation + " " + reason).isNotNull();
                assertThat(counter.count()).isZero();
            }
        }
        assertThat(registry.find("alertline.processor.replay.skipped").counters()).hasSize(6);
    }
}
