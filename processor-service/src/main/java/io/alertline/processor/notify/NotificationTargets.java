package io.alertline.processor.notify;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configured targets and the routes that pick, for an alert's labels, which of them it goes
 * to (by name, in order). Built once at start-up from the routes file or, without one, from the
 * seed's environment variables as one catch-all route to the "discord", "slack" and "telegram"
 * targets.
 */
public record NotificationTargets(List<Notifier> notifiers, Function<Map<String, String>, List<String>> routes) {

    public NotificationTargets {
        notifiers = List.copyOf(notifiers);
    }

    public List<String> targetsFor(Map<String, String> labels) {
        return routes.apply(labels);
    }
}
