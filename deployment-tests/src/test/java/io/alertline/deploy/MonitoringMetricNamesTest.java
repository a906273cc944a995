package io.alertline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.processor.support.AdminHttp;
import io.alertline.processor.support.Apps;

/**
 * The alerting rules and the dashboard in docs/monitoring only work if the services export what
 * they query, from the first scrape on: this starts both real services (real Kafka), reads their
 * {@code /actuator/prometheus} right after start-up, before any alert was sent, and checks that
 * every {@code alertline_…} metric the rules, the rules' tests and the dashboard name exists,
 * with every label value they filter on. A renamed meter, a tag value spelled differently, or a
 * counter created only on first use fails here. ({@code up} is Prometheus's own.)
 */
class MonitoringMetricNamesTest {

    private static final String PREFIX = "monitoring-names";
    private static final String API_TOKEN = "processor-api-token-monitoring-0123";
    private static final String METRICS_TOKEN = "processor-metrics-token-monitoring-0123";
    /** {@code name{labels} value}, the text format's sample line. */
    private static final Pattern SAMPLE = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)(\\{(.*)})?\\s+\\S+.*");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static ConfigurableApplicationContext processor;
    static ConfigurableApplicationContext ingest;

    @BeforeAll
    static void start() {
        // As deployed: the scraper holds the read-only metrics token, the admin API its own.
        processor = Apps.processor(PREFIX, Map.of("PROCESSOR_API_TOKEN", API_TOKEN,
                "PROCESSOR_METRICS_TOKEN", METRICS_TOKEN));
        ingest = Apps.ingest(PREFIX, Map.of());
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void everyMetricTheRulesTheirTestsAndTheDashboardUseIsExportedFromStartUp() {
        Map<String, List<Map<String, String>>> exported = new HashMap<>();
        exported.putAll(scrape(Apps.port(ingest), null));
        exported.putAll(scrape(Apps.port(processor), METRICS_TOKEN));

        List<MonitoringQueries.Selector> selectors = new ArrayList<>();
        MonitoringQueries.ruleExpressions().forEach(e -> selectors.addAll(MonitoringQueries.selectors("rule", e)));
        MonitoringQueries.testInputSeries()
                .forEach(s -> selectors.addAll(MonitoringQueries.selectors("rule test input", s)));
        MonitoringQueries.dashboardExpressions()
                .forEach(e -> selectors.addAll(MonitoringQueries.selectors("dashboard", e)));
        // The tokenizer found what the files are about (not an empty pass).
        assertThat(selectors.stream().map(MonitoringQueries.Selector::name).distinct())
                .contains("alertline_ingest_requests_total", "alertline_ingest_publish_latency_seconds_bucket",
                        "alertline_processor_consumer_lag", "alertline_processor_category_stuck",
                        "alertline_processor_dead_lettered_total", "alertline_processor_uncopyable_total",
                        "alertline_processor_recovery_runs_seconds_count", "alertline_processor_notifications_total",
                        "alertline_processor_alerts_total", "alertline_processor_end_to_end_seconds_bucket");

        Set<String> missing = new LinkedHashSet<>();
        for (MonitoringQueries.Selector selector : selectors) {
            List<Map<String, String>> series = exported.get(selector.name());
            if (series == null) {
                missing.add(selector.source() + ": " + selector.name());
                continue;
            }
            selector.labelValues().forEach((label, values) -> values.stream()
                    .filter(value -> series.stream().noneMatch(s -> value.equals(s.get(label))))
                    .forEach(value -> missing.add(selector.source() + ": " + selector.name() + "{" + label + "=\""
                            + value + "\"}")));
        }
        assertThat(missing).as("used by docs/monitoring but not exported right after start-up").isEmpty();
    }

    /** Metric name → the label sets of its series, from one {@code /actuator/prometheus} answer. */
    private static Map<String, List<Map<String, String>>> scrape(int port, String bearer) {
        AdminHttp.Answer answer = AdminHttp.get(port, "/actuator/prometheus", bearer);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Map<String, List<Map<String, String>>> series = new HashMap<>();
        for (String line : answer.text().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.computeIfAbsent(sample.group(1), n -> new ArrayList<>()).add(labels);
        }
        return series;
    }
}
