package io.alertline.processor.notify.template;

import java.util.Map;

import com.samskivert.mustache.MustacheException;

import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.Truncation;

/**
 * Renders a group with one target's template into that channel's size limit: all alerts when
 * they fit, else as many as fit followed by the template's "and N more" (the largest count is
 * found by bisection, a handful of renders even for 1,000 alerts). A rendering error falls back
 * to the built-in template and is counted; the notification is never dropped for it.
 */
public final class MessageRenderer {

    /** Told each time a custom template failed and the built-in one was used instead. */
    public interface FallbackListener {
        void fellBack(String source, RuntimeException error);
    }

    private final MessageTemplate template;
    private final MessageTemplate builtIn;
    private final int limit;
    private final FallbackListener fallbacks;

    public MessageRenderer(MessageTemplate template, MessageTemplate builtIn, int limit, FallbackListener fallbacks) {
        this.template = template;
        this.builtIn = builtIn;
        this.limit = limit;
        this.fallbacks = fallbacks;
    }

    public String render(GroupMessage group) {
        try {
            return fit(template, group);
        } catch (MustacheException | IllegalArgumentException | ClassCastException e) {
            if (template == builtIn) {
                throw e;
            }
            fallbacks.fellBack(template.source(), e);
            return fit(builtIn, group);
        }
    }

    private String fit(MessageTemplate t, GroupMessage group) {
        int total = group.alerts().size();
        String all = render(t, group, total);
        if (all.length() <= limit) {
            return all;
        }
        int low = 0; // invariant: every count below low fits (0 is checked last)
        int high = total - 1; // the largest count still possible
        String best = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            String text = render(t, group, mid);
            if (text.length() <= limit) {
                best = text;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (best != null) {
            return best;
        }
        // not even the title fits (a template of mostly fixed text): cut it, the channel still gets a message
        return Truncation.fit(render(t, group, 0), limit);
    }

    private static String render(MessageTemplate t, GroupMessage group, int shown) {
        Map<String, Object> model = TemplateModel.of(group, shown);
        return t.render(model);
    }

    public int limit() {
        return limit;
    }
}
