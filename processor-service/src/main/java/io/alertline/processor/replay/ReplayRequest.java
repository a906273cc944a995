package io.alertline.processor.replay;

import java.util.List;

import io.alertline.common.topic.Category;

/**
 * What an operator asked a replay to do. A replay re-publishes records the processor may act on
 * again, so it needs explicit criteria (categories, a time or offset window, a request id,
 * alertname, fingerprint or reason) or an explicit {@code all}: an empty or mistyped request
 * must never mean "everything". The CLI and the HTTP API build the same request, so they share
 * the rule.
 *
 * @param includeReplays also re-publish records that are themselves replay or re-drive copies;
 *                       off by default, or every full replay would double the copies before it
 */
public record ReplayRequest(List<Category> categories, ScanRange range, RecordFilter filter, boolean all,
        boolean includeReplays, boolean force, boolean dryRun, String actor) {

    public ReplayRequest {
        categories = categories == null ? List.of() : List.copyOf(categories);
        range = range == null ? ScanRange.ALL : range;
        filter = filter == null ? RecordFilter.NONE : filter;
        if (!all && categories.isEmpty() && range.isOpen() && filter.isEmpty()) {
            throw new IllegalArgumentException("choose what to replay (category, from/to, partition and offsets, "
                    + "request id, alertname, fingerprint) or say all (--all, \"all\": true)");
        }
    }
}
