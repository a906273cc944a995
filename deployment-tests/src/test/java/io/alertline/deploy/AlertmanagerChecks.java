package io.alertline.deploy;

import static io.alertline.deploy.DeployFiles.list;
import static io.alertline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.alertline.common.topic.Category;

/**
 * The rules docs/alertmanager.yml must follow: the original receiver's routing onto our six
 * endpoints (taken from {@link Category}, the ingest's own list), resolved notifications on,
 * no truncation, and bearer authentication from a credentials file on every webhook.
 */
final class AlertmanagerChecks {

    static final String CREDENTIALS_FILE = "/etc/alertmanager/alertline-token";

    /** The seed's routes: label=value to the category whose endpoint must receive it. */
    static final Map<String, Category> ROUTES = routes();

    private static final Pattern MATCHER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"?([^\"]*)\"?\\s*");

    private AlertmanagerChecks() {
    }

    private static Map<String, Category> routes() {
        Map<String, Category> r = new LinkedHashMap<>();
        r.put("severity=critical", Category.CRITICAL);
        r.put("severity=warning", Category.WARNING);
        r.put("category=gpu", Category.GPU);
        r.put("category=ai", Category.AI);
        r.put("category=database", Category.DATABASE);
        return r;
    }

    static Map<String, Object> route(Map<String, Object> config) {
        return map(config.get("route"), "route");
    }

    /** receiver name to its webhook_configs. */
    static Map<String, List<Map<String, Object>>> receivers(Map<String, Object> config) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Object r : list(config.get("receivers"), "receivers")) {
            Map<String, Object> receiver = map(r, "receiver");
            String name = String.valueOf(receiver.get("name"));
            List<Map<String, Object>> hooks = new java.util.ArrayList<>();
            for (Object h : list(receiver.get("webhook_configs"), "webhook_configs of receiver " + name)) {
                hooks.add(map(h, "webhook_config of receiver " + name));
            }
            assertThat(hooks).as("webhook_configs of receiver %s", name).isNotEmpty();
            assertThat(out.put(name, hooks)).as("receiver %s defined twice", name).isNull();
        }
        return out;
    }

    /** The endpoint paths a receiver posts to. */
    static Set<String> paths(Map<String, Object> config, String receiver) {
        List<Map<String, Object>> hooks = receivers(config).get(receiver);
        assertThat(hooks).as("receiver %s exists", receiver).isNotNull();
        Set<String> out = new LinkedHashSet<>();
        for (Map<String, Object> hook : hooks) {
            out.add(URI.create(String.valueOf(hook.get("url"))).getPath());
        }
        return out;
    }

    /** A route's label=value conditions, from `matchers` (0.22+) or the older `match`. */
    static Set<String> conditions(Map<String, Object> route) {
        Set<String> out = new LinkedHashSet<>();
        if (route.get("matchers") != null) {
            for (Object m : list(route.get("matchers"), "matchers")) {
                Matcher eq = MATCHER.matcher(String.valueOf(m));
                assertThat(eq.matches()).as("matcher %s is an equality", m).isTrue();
                out.add(eq.group(1) + "=" + eq.group(2));
            }
        }
        if (route.get("match") != null) {
            map(route.get("match"), "match").forEach((k, v) -> out.add(k + "=" + v));
        }
        return out;
    }

    /** Each seed route exists, continues, and reaches its category's endpoint; the default is /webhook. */
    static void routing(Map<String, Object> config) {
        Map<String, Object> root = route(config);
        assertThat(paths(config, String.valueOf(root.get("receiver")))).as("default receiver's endpoint")
                .containsExactly(Category.GENERIC.path());
        List<Object> children = list(root.get("routes"), "route.routes");
        Set<String> seen = new LinkedHashSet<>();
        for (Object c : children) {
            Map<String, Object> child = map(c, "route");
            Set<String> conds = conditions(child);
            assertThat(conds).as("route %s has exactly one condition", child).hasSize(1);
            String cond = conds.iterator().next();
            Category category = ROUTES.get(cond);
            assertThat(category).as("route condition %s is one of the seed's", cond).isNotNull();
            assertThat(seen.add(cond)).as("route %s appears once", cond).isTrue();
            assertThat(child.get("continue")).as("route %s continue: true (like the seed)", cond).isEqualTo(Boolean.TRUE);
            assertThat(paths(config, String.valueOf(child.get("receiver")))).as("route %s endpoint", cond)
                    .containsExactly(category.path());
        }
        assertThat(seen).as("routes").containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
        for (String key : List.of("group_by", "group_wait", "group_interval", "repeat_interval")) {
            assertThat(root.get(key)).as("route.%s", key).isNotNull();
        }
    }

    /** Together the receivers post to all six endpoints and nowhere else. */
    static void endpoints(Map<String, Object> config) {
        Set<String> all = new LinkedHashSet<>();
        for (String receiver : receivers(config).keySet()) {
            all.addAll(paths(config, receiver));
        }
        Set<String> expected = new LinkedHashSet<>();
        for (Category c : Category.values()) {
            expected.add(c.path());
        }
        assertThat(all).as("endpoints Alertmanager posts to").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Every webhook: send_resolved, no truncation, Bearer from the documented credentials file. */
    static void webhookSettings(Map<String, Object> config) {
        for (Map.Entry<String, List<Map<String, Object>>> r : receivers(config).entrySet()) {
            for (Map<String, Object> hook : r.getValue()) {
                String where = "receiver " + r.getKey() + " webhook " + hook.get("url");
                assertThat(hook.get("send_resolved")).as("%s send_resolved", where).isEqualTo(Boolean.TRUE);
                assertThat(hook.get("max_alerts")).as("%s max_alerts (0 = all)", where).isEqualTo(0);
                assertThat(String.valueOf(hook.get("url"))).as("%s url", where).startsWith("http");
                Map<String, Object> http = map(hook.get("http_config"), where + " http_config");
                Map<String, Object> auth = map(http.get("authorization"), where + " http_config.authorization");
                assertThat(auth.get("type")).as("%s authorization.type", where).isEqualTo("Bearer");
                assertThat(auth.get("credentials_file")).as("%s authorization.credentials_file", where)
                        .isEqualTo(CREDENTIALS_FILE);
                assertThat(auth).as("%s: no inline credentials in the file", where).doesNotContainKey("credentials");
                assertThat(http).as("%s: no other auth", where).doesNotContainKeys("basic_auth", "bearer_token",
                        "bearer_token_file", "oauth2");
            }
        }
    }
}
