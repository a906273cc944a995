package io.alertline.processor.notify.route;

import java.util.List;
import java.util.Map;

/**
 * One entry of the routes list: when every matcher matches an alert's labels (no matchers: every
 * alert), the alert goes to {@code targets}. {@code continueMatching} is the file's
 * {@code continue: true} (a Java keyword, hence the longer name): matching goes on with the next route.
 *
 * @param line the line of the route in its routes file, for messages; 0 when not read from a file
 */
public record Route(List<LabelMatcher> matchers, List<String> targets, boolean continueMatching, int line) {

    public Route {
        matchers = List.copyOf(matchers);
        targets = List.copyOf(targets);
    }

    public Route(List<LabelMatcher> matchers, List<String> targets, boolean continueMatching) {
        this(matchers, targets, continueMatching, 0);
    }

    /** True when all matchers match (a missing label counts as the empty string, as in Alertmanager). */
    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
