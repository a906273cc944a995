package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.alertline.common.topic.Category;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProcessorMetricsTest {

    private static final List<String> CHANNELS = List.of("discord", "slack", "telegram");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void alertContentNeverBecomesATagValue() {
        ProcessorMetrics metrics = new ProcessorMetrics(registry, Set.of("ollama", "searxng"), CHANNELS);

        // one hostile request: 50 refused services, each a different label value
        for (int i = 0; i < 50; i++) {
            metrics.recovery("evil-" + i, "skipped", Duration.ZERO);
        }
        metrics.recovery(null, "skipped", Duration.ZERO);
        metrics.recovery("ollama", "success", Duration.ofSeconds(2));

        Set<String> services = registry.find("alertline.processor.recovery.runs").meters().stream()
                .map(Meter::getId).map(id -> id.getTag("service")).collect(Collectors.toSet());
        assertThat(services).containsExactlyInAnyOrder("other", "ollama", "searxng");
        assertThat(registry.find("alertline.processor.recovery.runs").tag("service", "other").tag("result", "skipped")
                .timer().count()).isEqualTo(51);
    }

    @Test
    void everySeriesExistsAtZeroRightAfterConstruction() {
        new ProcessorMetrics(registry, Set.of("ollama", "openwebui", "searxng"), CHANNELS);

        for (Category category : Category.values()) {
            for (String result : List.of("processed", "retrying", "dead_lettered", "duplicate", "rejected")) {
                assertZero(registry.find("alertline.processor.alerts").tag("category", category.id())
                        .tag("result", result), category + " " + result);
            }
            assertZero(registry.find("alertline.processor.duplicates").tag("category", category.id()),
                    "duplicates " + category);
            for (String reason : List.of("channel-failed", "invalid-record-signature", "unparseable")) {
                assertZero(registry.find("alertline.processor.dead.lettered").tag("category", category.id())
                        .tag("reason", reason), category + " " + reason);
            }
        }
        for (String channel : CHANNELS) {
            for (String result : List.of("delivered", "retryable", "final")) {
                assertZero(registry.find("alertline.processor.notifications").tag("channel", channel)
                        .tag("result", result), channel + " " + result);
            }
        }
        for (String service : List.of("ollama", "openwebui", "searxng", "other")) {
            for (String result : List.of("success", "failure", "skipped", "interrupted")) {
                assertThat(registry.find("alertline.processor.recovery.runs").tag("service", service)
                        .tag("result", result).timer()).as(service + " " + result).isNotNull();
            }
        }
        assertThat(registry.find("alertline.processor.end.to.end").timer()).isNotNull();
        assertThat(registry.find("alertline.processor.alerts").counters()).hasSize(6 * 5);
        assertThat(registry.find("alertline.processor.dead.lettered").counters()).hasSize(6 * 3);
        assertThat(registry.find("alertline.processor.notifications").counters()).hasSize(3 * 3);
        assertThat(registry.find("alertline.processor.recovery.runs").timers()).hasSize(4 * 4);
    }

    @Test
    void everyUncopyableSeriesExistsOnceThePolicyIsBuilt() {
        ProcessorMetrics metrics = new ProcessorMetrics(registry, Set.of(), CHANNELS);
        new CopyFailurePolicy(null, metrics, Clock.systemUTC(), "test");

        List<String> reasons = List.of("RecordTooLargeException", "RecordBatchTooLargeException",
                "InvalidTopicException", "AuthorizationException", "SerializationException", "InvalidRecordException");
        for (Category category : Category.values()) {
            for (String copy : List.of("retry", "dead-letter")) {
                for (String reason : reasons) {
                    assertZero(registry.find("alertline.processor.uncopyable").tag("category", category.id())
                            .tag("copy", copy).tag("reason", reason), category + " " + copy + " " + reason);
                }
            }
        }
        assertThat(registry.find("alertline.processor.uncopyable").counters()).hasSize(6 * 2 * reasons.size());
    }

    private static void assertZero(Search search, String what) {
        assertThat(search.counter()).as(what).isNotNull();
        assertThat(search.counter().count()).as(what).isZero();
    }
}
