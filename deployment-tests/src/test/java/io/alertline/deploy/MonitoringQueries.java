package io.alertline.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL that docs/monitoring ships (alerting rules, their promtool tests' input series, the
 * Grafana dashboard's panel queries), cut into the selectors of our own metrics: a metric name
 * and the label values it is filtered on. A tokenizer, not a PromQL parser: enough to find every
 * {@code alertline_…} name and its {@code label="value"} / {@code label=~"a|b"} matchers.
 */
final class MonitoringQueries {

    /** One use of one of our metrics: its name and, per label it is matched on, the values it must be able to have. */
    record Selector(String source, String name, Map<String, List<String>> labelValues) {
    }

    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:$])(alertline_[A-Za-z0-9_]+)\\s*(\\{[^}]*})?");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"");
    /** Label values a regex matcher lists as plain alternatives; anything fancier is not checked. */
    private static final Pattern ALTERNATIVES = Pattern.compile("[A-Za-z0-9_.+-]+(\\|[A-Za-z0-9_.+-]+)*");

    /** Labels Prometheus adds ({@code job}, {@code instance}) or a histogram's buckets carry ({@code le}). */
    private static final java.util.Set<String> NOT_OURS = java.util.Set.of("job", "instance", "le");

    private MonitoringQueries() {
    }

    static Path dir() {
        return DeployFiles.repoRoot().resolve("docs/monitoring");
    }

    /** The expressions of every rule in alertline-rules.yml. */
    static List<String> ruleExpressions() {
        Map<String, Object> rules = DeployFiles.yaml(DeployFiles.read(dir().resolve("alertline-rules.yml")), "rules");
        List<String> expressions = new ArrayList<>();
        for (Object group : DeployFiles.list(rules.get("groups"), "groups")) {
            for (Object rule : DeployFiles.list(DeployFiles.map(group, "group").get("rules"), "rules")) {
                expressions.add(String.valueOf(DeployFiles.map(rule, "rule").get("expr")));
            }
        }
        return expressions;
    }

    /** The input series of every test group in alertline-rules.test.yml (same selector syntax). */
    static List<String> testInputSeries() {
        Map<String, Object> tests = DeployFiles.yaml(DeployFiles.read(dir().resolve("alertline-rules.test.yml")),
                "rule tests");
        List<String> series = new ArrayList<>();
        for (Object test : DeployFiles.list(tests.get("tests"), "tests")) {
            for (Object input : DeployFiles.list(DeployFiles.map(test, "test").get("input_series"), "input_series")) {
                series.add(String.valueOf(DeployFiles.map(input, "input series").get("series")));
            }
        }
        return series;
    }

    /** The query of every target of every panel (rows' nested panels included) of grafana-dashboard.json. */
    static List<String> dashboardExpressions() {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(DeployFiles.read(dir().resolve("grafana-dashboard.json")));
        List<String> expressions = new ArrayList<>();
        collect(dashboard.path("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
            collect(panel.path("panels"), expressions);
        }
    }

    /** Every use of an {@code alertline_…} metric in {@code promql}; {@link #NOT_OURS} labels and templated values are not checked. */
    static List<Selector> selectors(String source, String promql) {
        List<Selector> selectors = new ArrayList<>();
        Matcher metric = METRIC.matcher(promql);
        while (metric.find()) {
            Map<String, List<String>> labels = new java.util.LinkedHashMap<>();
            if (metric.group(2) != null) {
                Matcher m = MATCHER.matcher(metric.group(2));
                while (m.find()) {
                    String label = m.group(1);
                    String op = m.group(2);
                    String value = m.group(3);
                    if (NOT_OURS.contains(label) || value.contains("$") || op.startsWith("!")) {
                        continue;
                    }
                    if (op.equals("=")) {
                        labels.put(label, List.of(value));
                    } else if (ALTERNATIVES.matcher(value).matches()) {
                        labels.put(label, List.of(value.split("\\|")));
                    }
                }
            }
            selectors.add(new Selector(source, metric.group(1), labels));
        }
        return selectors;
    }
}
