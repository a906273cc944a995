package io.alertline.processor.notify.route;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which targets each alert goes to: the named targets and the ordered routes of a routes file
 * ({@link #load}), or, without one, a single route to the default targets ({@link #defaults}).
 *
 * <p>Routes are walked in order, as Alertmanager walks the children of its root route: the first
 * route whose matchers all match takes the alert, unless it says {@code continue: true}, in which
 * case matching goes on with the next route. An alert no route matches goes nowhere (there is no
 * implicit fallback: end the list with a route without matchers to have one).
 */
public final class NotificationRoutes {

    private final List<TargetSpec> targets;
    private final List<Route> routes;
    private final List<String> warnings;

    NotificationRoutes(List<TargetSpec> targets, List<Route> routes, List<String> warnings) {
        this.targets = List.copyOf(targets);
        this.routes = List.copyOf(routes);
        this.warnings = List.copyOf(warnings);
        Set<String> names = new HashSet<>();
        for (TargetSpec target : this.targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("two notification targets are named " + target.name());
            }
        }
        for (Route route : this.routes) {
            if (!names.containsAll(route.targets())) {
                throw new IllegalArgumentException("a route names a target that does not exist: " + route.targets());
            }
        }
    }

    /**
     * Reads and validates a routes file (format: README, "Notification routes").
     *
     * @param env                   the environment, read for the variables the file names ({@code System::getenv})
     * @param defaultTelegramApiUrl the Bot API base for Telegram targets without {@code api_url}
     * @throws io.alertline.common.boot.RefusedConfigurationException naming the file, line and entry of
     *         the first problem; never quoting a secret
     */
    public static NotificationRoutes load(Path routesFile, Function<String, String> env, String defaultTelegramApiUrl) {
        Objects.requireNonNull(routesFile, "routesFile");
        Objects.requireNonNull(env, "env");
        return new RoutesFileReader(routesFile, env, defaultTelegramApiUrl).read();
    }

    /** Today's behaviour: every alert to every given target, in the given order. */
    public static NotificationRoutes defaults(List<TargetSpec> targets) {
        List<String> names = targets.stream().map(TargetSpec::name).toList();
        List<Route> routes = names.isEmpty() ? List.of() : List.of(new Route(List.of(), names, false));
        return new NotificationRoutes(targets, routes, List.of());
    }

    /** All targets, in file order (including targets no route uses). */
    public List<TargetSpec> targets() {
        return targets;
    }

    public Optional<TargetSpec> target(String name) {
        return targets.stream().filter(target -> target.name().equals(name)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    /** Findings that do not stop start-up (unused targets, unreachable routes), for the start-up log. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The names of the targets for an alert with these labels: distinct, in the order first met;
     * empty when no route matches.
     */
    public List<String> targetsFor(Map<String, String> labels) {
        Map<String, String> safeLabels = labels == null ? Map.of() : labels;
        Set<String> names = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(safeLabels)) {
                names.addAll(route.targets());
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return List.copyOf(names);
    }
}
