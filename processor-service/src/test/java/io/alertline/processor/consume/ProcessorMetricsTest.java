package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProcessorMetricsTest {

    @Test
    void alertContentNeverBecomesATagValue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(registry, Set.of("ollama", "searxng"));

        // one hostile request: 50 refused services, each a different label value
        for (int i = 0; i < 50; i++) {
            metrics.recovery("evil-" + i, "skipped", Duration.ZERO);
        }
        metrics.recovery(null, "skipped", Duration.ZERO);
        metrics.recovery("ollama", "success", Duration.ofSeconds(2));

        Set<String> services = registry.find("alertline.processor.recovery.runs").meters().stream()
                .map(Meter::getId).map(id -> id.getTag("service")).collect(Collectors.toSet());
        assertThat(services).containsExactlyInAnyOrder("other", "ollama");
        assertThat(registry.find("alertline.processor.recovery.runs").tag("service", "other").timer().count())
                .isEqualTo(51);
    }
}
