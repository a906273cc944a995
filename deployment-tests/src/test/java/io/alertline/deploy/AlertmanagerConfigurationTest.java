package io.alertline.deploy;

import static io.alertline.deploy.DeployFiles.list;
import static io.alertline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/alertmanager.yml: the seed's routing onto our six endpoints, resolved notifications, no
 * truncation, bearer token from a credentials file; then each rule against a broken copy.
 * (scripts/alertmanager-e2e.sh runs the same file against a real Alertmanager.)
 */
class AlertmanagerConfigurationTest {

    private static String text;

    @BeforeAll
    static void load() {
        text = DeployFiles.read(DeployFiles.repoRoot().resolve("docs/alertmanager.yml"));
    }

    private static Map<String, Object> config() {
        return DeployFiles.yaml(text, "docs/alertmanager.yml");
    }

    @Test
    void routesEachSeedRouteToItsEndpointAndTheRestToWebhook() {
        AlertmanagerChecks.routing(config());
    }

    @Test
    void receiversPostToAllSixEndpoints() {
        AlertmanagerChecks.endpoints(config());
    }

    @Test
    void everyWebhookSendsResolvedWithABearerTokenFromTheCredentialsFile() {
        AlertmanagerChecks.webhookSettings(config());
    }

    @Test
    void theDocumentedCredentialsFileIsExplainedInTheFile() {
        assertThat(text).contains(AlertmanagerChecks.CREDENTIALS_FILE).contains("WEBHOOK_BEARER_TOKENS");
        assertThat(text.split(AlertmanagerChecks.CREDENTIALS_FILE, -1).length - 1)
                .as("credentials_file on all six webhooks plus its explanation").isGreaterThanOrEqualTo(7);
    }

    // ---------------------------------------------------------------- every rule can fail

    private static Map<String, Object> receiver(Map<String, Object> c, String name) {
        for (Object r : list(c.get("receivers"), "receivers")) {
            Map<String, Object> m = map(r, "receiver");
            if (name.equals(m.get("name"))) {
                return m;
            }
        }
        throw new IllegalStateException("no receiver " + name + " in docs/alertmanager.yml");
    }

    private static Map<String, Object> hook(Map<String, Object> c, String receiver) {
        return map(list(receiver(c, receiver).get("webhook_configs"), "hooks").get(0), "hook");
    }

    private static Map<String, Object> auth(Map<String, Object> c, String receiver) {
        return map(map(hook(c, receiver).get("http_config"), "http").get("authorization"), "auth");
    }

    private static Map<String, Object> childRoute(Map<String, Object> c, int index) {
        return map(list(AlertmanagerChecks.route(c).get("routes"), "routes").get(index), "route");
    }

    static Stream<Arguments> breakages() {
        Consumer<Map<String, Object>> routing = AlertmanagerChecks::routing;
        Consumer<Map<String, Object>> endpoints = AlertmanagerChecks::endpoints;
        Consumer<Map<String, Object>> webhooks = AlertmanagerChecks::webhookSettings;
        return Stream.of(
                Arguments.of("a route without continue", (Consumer<Map<String, Object>>) c -> childRoute(c, 2).remove("continue"), routing),
                Arguments.of("a route dropped", (Consumer<Map<String, Object>>) c -> list(AlertmanagerChecks.route(c).get("routes"), "r").remove(4), routing),
                Arguments.of("critical routed to the warning endpoint",
                        (Consumer<Map<String, Object>>) c -> hook(c, "critical").put("url", "http://ingest-service:5001/webhook/warning"), routing),
                Arguments.of("default receiver is not /webhook",
                        (Consumer<Map<String, Object>>) c -> AlertmanagerChecks.route(c).put("receiver", "warning"), routing),
                Arguments.of("no repeat_interval", (Consumer<Map<String, Object>>) c -> AlertmanagerChecks.route(c).remove("repeat_interval"), routing),
                Arguments.of("database endpoint missing",
                        (Consumer<Map<String, Object>>) c -> hook(c, "database").put("url", "http://ingest-service:5001/webhook"), endpoints),
                Arguments.of("an endpoint that does not exist",
                        (Consumer<Map<String, Object>>) c -> hook(c, "gpu").put("url", "http://ingest-service:5001/webhook/gpus"), endpoints),
                Arguments.of("send_resolved false", (Consumer<Map<String, Object>>) c -> hook(c, "ai").put("send_resolved", false), webhooks),
                Arguments.of("send_resolved missing", (Consumer<Map<String, Object>>) c -> hook(c, "generic").remove("send_resolved"), webhooks),
                Arguments.of("truncating groups", (Consumer<Map<String, Object>>) c -> hook(c, "warning").put("max_alerts", 10), webhooks),
                Arguments.of("basic auth instead of Bearer", (Consumer<Map<String, Object>>) c -> auth(c, "gpu").put("type", "Basic"), webhooks),
                Arguments.of("inline token", (Consumer<Map<String, Object>>) c -> {
                    auth(c, "critical").remove("credentials_file");
                    auth(c, "critical").put("credentials", "s3cr3t-token-value");
                }, webhooks),
                Arguments.of("another credentials file", (Consumer<Map<String, Object>>) c -> auth(c, "database").put("credentials_file", "/tmp/t"), webhooks),
                Arguments.of("no http_config", (Consumer<Map<String, Object>>) c -> hook(c, "generic").remove("http_config"), webhooks));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void ruleNotices(String what, Consumer<Map<String, Object>> breakIt, Consumer<Map<String, Object>> rule) {
        rule.accept(config());
        Map<String, Object> broken = config();
        breakIt.accept(broken);
        assertThatThrownBy(() -> rule.accept(broken)).isInstanceOf(AssertionError.class);
    }

    @Test
    void legacyMatchAndMatchersAreBothRead() {
        assertThat(AlertmanagerChecks.conditions(Map.of("matchers", List.of("severity=\"critical\""))))
                .containsExactly("severity=critical");
        assertThat(AlertmanagerChecks.conditions(Map.of("match", Map.of("category", "gpu"))))
                .containsExactly("category=gpu");
        assertThatThrownBy(() -> AlertmanagerChecks.conditions(Map.of("matchers", List.of("severity=~\"crit.*\""))))
                .isInstanceOf(AssertionError.class);
    }
}
