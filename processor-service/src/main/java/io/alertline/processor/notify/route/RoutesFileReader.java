package io.alertline.processor.notify.route;

import io.alertline.common.boot.RefusedConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a routes file into {@link NotificationRoutes}; every problem refuses
 * start-up with the file, the line and the entry. Uses SnakeYAML (already on the classpath through
 * Spring Boot) at the node level only: no object construction, so no tags can instantiate classes.
 */
final class RoutesFileReader {

    private static final Map<String, String> ROUTE_HINTS = Map.of(
            "match", "Alertmanager's deprecated match is not supported: write matchers: ['label=\"value\"']",
            "match_re", "Alertmanager's deprecated match_re is not supported: write matchers: ['label=~\"regex\"']",
            "receiver", "name the targets with targets: [name, ...]");

    private final Path file;
    private final TargetReader targetReader;

    RoutesFileReader(Path file, Function<String, String> env, String defaultTelegramApiUrl) {
        this.file = file;
        this.targetReader = new TargetReader(file, env, defaultTelegramApiUrl);
    }

    NotificationRoutes read() {
        YamlMapping top = new YamlMapping(file, compose(), "the file");
        top.allowOnly(Set.of("targets", "routes"), Map.of());
        Map<String, TargetSpec> targets = targets(top);
        List<Route> routes = routes(top, targets.keySet());
        return new NotificationRoutes(List.copyOf(targets.values()), routes, warnings(targets, routes));
    }

    private Node compose() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw YamlMapping.refuse(file, null, "does not exist, is not a file or is not readable",
                    "Point the routes file setting at a readable YAML file.");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            root = new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            // the problem and its position only: SnakeYAML's full message quotes a snippet of the file
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : ", line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
            throw notYaml("is not valid YAML" + where + ": " + e.getProblem());
        } catch (YAMLException e) {
            // SnakeYAML's reader wraps I/O errors; its own messages here (bad code point, size or
            // alias limits) quote no file content
            if (e.getCause() instanceof CharacterCodingException) {
                throw notYaml("is not UTF-8 text");
            }
            throw notYaml("is not valid YAML: " + (e.getCause() != null ? e.getCause().getClass().getSimpleName()
                    : e.getMessage()));
        } catch (IOException e) {
            throw YamlMapping.refuse(file, null, "cannot be read (" + e.getClass().getSimpleName() + ")",
                    "Point the routes file setting at a readable YAML file.");
        }
        if (root == null) {
            throw notYaml("is empty: it needs targets: and routes:");
        }
        return root;
    }

    private RefusedConfigurationException notYaml(String problem) {
        return YamlMapping.refuse(file, null, problem, YamlMapping.ACTION);
    }

    private Map<String, TargetSpec> targets(YamlMapping top) {
        List<Node> entries = nonEmptyList(top, "targets");
        Map<String, TargetSpec> targets = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            TargetSpec target = targetReader.read(new YamlMapping(file, entries.get(i), "target " + (i + 1)));
            if (targets.putIfAbsent(target.name(), target) != null) {
                throw top.refuse(entries.get(i), "the target name \"" + target.name() + "\" is used twice");
            }
        }
        return targets;
    }

    private List<Route> routes(YamlMapping top, Set<String> targetNames) {
        List<Node> entries = nonEmptyList(top, "routes");
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            YamlMapping route = new YamlMapping(file, entries.get(i), "route " + (i + 1));
            route.allowOnly(Set.of("matchers", "targets", "continue"), ROUTE_HINTS);
            List<LabelMatcher> matchers = matchers(route);
            List<String> names = new ArrayList<>();
            List<Node> targetNodes = route.optionalList("targets");
            if (targetNodes == null || targetNodes.isEmpty()) {
                throw route.refuse(route.node(), route.what() + " names no targets (targets: [name, ...])");
            }
            for (Node node : targetNodes) {
                String name = route.text(node, route.what() + ": a target name");
                if (!targetNames.contains(name)) {
                    throw route.refuse(node, route.what() + " names the unknown target \"" + name
                            + "\" (defined: " + String.join(", ", targetNames) + ")");
                }
                if (names.contains(name)) {
                    throw route.refuse(node, route.what() + " names the target \"" + name + "\" twice");
                }
                names.add(name);
            }
            routes.add(new Route(matchers, names, route.flag("continue", false), route.line()));
        }
        return routes;
    }

    // each entry may hold several comma-separated matchers, as in Alertmanager's matchers:
    private static List<LabelMatcher> matchers(YamlMapping route) {
        List<Node> nodes = route.optionalList("matchers");
        List<LabelMatcher> matchers = new ArrayList<>();
        for (Node node : nodes == null ? List.<Node>of() : nodes) {
            String text = route.text(node, route.what() + ": a matcher (omit matchers: to match every alert)");
            try {
                matchers.addAll(LabelMatchers.parse(text));
            } catch (IllegalArgumentException e) {
                throw route.refuse(node, route.what() + ": " + e.getMessage());
            }
        }
        return matchers;
    }

    private static List<Node> nonEmptyList(YamlMapping top, String key) {
        List<Node> entries = top.optionalList(key);
        if (entries == null || entries.isEmpty()) {
            throw top.refuse(top.get(key) == null ? top.node() : top.get(key),
                    "the file needs a non-empty " + key + ": list");
        }
        return entries;
    }

    private List<String> warnings(Map<String, TargetSpec> targets, List<Route> routes) {
        List<String> warnings = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        routes.forEach(route -> used.addAll(route.targets()));
        for (String name : targets.keySet()) {
            if (!used.contains(name)) {
                warnings.add("Notification routes file " + file + ": target \"" + name + "\" is used by no route");
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (route.matchers().isEmpty() && !route.continueMatching()) {
                if (i < routes.size() - 1) {
                    warnings.add("Notification routes file " + file + ": route " + (i + 1) + " (line " + route.line()
                            + ") matches every alert and does not continue, so the routes after it are never reached");
                }
                return List.copyOf(warnings);
            }
        }
        // no catch-all: legitimate (some alerts are meant for no chat), but worth one line at start-up
        warnings.add("Notification routes file " + file + ": no route without matchers ends the list, "
                + "so an alert that matches no route is sent to no target");
        return List.copyOf(warnings);
    }
}
