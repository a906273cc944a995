package io.alertline.processor.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which dead letters earlier re-drives already sent back, read from the audit topic. A re-driven
 * dead letter is finished business: its copy either succeeds or is dead-lettered again as a new
 * record. So listings and re-drives leave it out unless asked for, instead of showing it (and
 * re-driving it) forever. Each re-drive's audit entry carries the offsets it re-published as
 * ranges ({@code "alerts.warning.dlt:0" -> "12-40,45"}), never cut to fit the entry, unlike its
 * record list; entries written before that field existed are read from their record list.
 */
final class RedrivenDeadLetters {

    static final RedrivenDeadLetters NONE = new RedrivenDeadLetters(Map.of());

    private record Span(long from, long to, String redriveId) {
    }

    private final Map<String, List<Span>> byPartition;

    private RedrivenDeadLetters(Map<String, List<Span>> byPartition) {
        this.byPartition = byPartition;
    }

    /** From audit entries as stored (JSON objects), in any order. */
    @SuppressWarnings("unchecked")
    static RedrivenDeadLetters fromAudit(List<Map<String, Object>> entries) {
        Map<String, List<Span>> spans = new HashMap<>();
        for (Map<String, Object> entry : entries) {
            if (!"redrive".equals(entry.get("operation")) || !(entry.get("id") instanceof String id)) {
                continue;
            }
            if (entry.get("redriven_offsets") instanceof Map<?, ?> offsets) {
                ((Map<String, Object>) offsets).forEach((partition, ranges) -> {
                    for (String range : String.valueOf(ranges).split(",")) {
                        String[] ends = range.trim().split("-", 2);
                        long from = Long.parseLong(ends[0]);
                        long to = ends.length == 2 ? Long.parseLong(ends[1]) : from;
                        spans.computeIfAbsent(partition, k -> new ArrayList<>()).add(new Span(from, to, id));
                    }
                });
            } else if (entry.get("records") instanceof List<?> records) {
                for (Object record : records) {
                    if (record instanceof Map<?, ?> r && r.get("offset") instanceof Number offset) {
                        spans.computeIfAbsent(key(String.valueOf(r.get("topic")), ((Number) r.get("partition")).intValue()),
                                k -> new ArrayList<>()).add(new Span(offset.longValue(), offset.longValue(), id));
                    }
                }
            }
        }
        return new RedrivenDeadLetters(spans);
    }

    /** The id of the re-drive that sent this dead letter back, or null if none did. */
    String redriveOf(String topic, int partition, long offset) {
        for (Span span : byPartition.getOrDefault(key(topic, partition), List.of())) {
            if (offset >= span.from() && offset <= span.to()) {
                return span.redriveId();
            }
        }
        return null;
    }

    /** The offsets of {@code records} as ranges per topic-partition, the form audit entries carry. */
    static Map<String, String> offsetRanges(List<ReplayedRecord> records) {
        Map<String, TreeSet<Long>> offsets = new TreeMap<>();
        for (ReplayedRecord r : records) {
            offsets.computeIfAbsent(key(r.topic(), r.partition()), k -> new TreeSet<>()).add(r.offset());
        }
        Map<String, String> ranges = new TreeMap<>();
        offsets.forEach((partition, sorted) -> {
            StringBuilder text = new StringBuilder();
            Long start = null;
            Long previous = null;
            for (long offset : sorted) {
                if (start != null && offset != previous + 1) {
                    append(text, start, previous);
                    start = null;
                }
                if (start == null) {
                    start = offset;
                }
                previous = offset;
            }
            append(text, start, previous);
            ranges.put(partition, text.toString());
        });
        return ranges;
    }

    private static void append(StringBuilder text, long from, long to) {
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(from);
        if (to != from) {
            text.append('-').append(to);
        }
    }

    private static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
