package io.alertline.bench.drill;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/** The drill's figures, printed: what senders saw around each broker kill, and each processor kill. */
final class DrillReport {

    private DrillReport() {
    }

    static void print(List<DrillVerify.Sent> sent, List<DrillVerify.Sent> acked, List<DrillVerify.Event> events,
            Map<String, List<JsonNode>> outcomes, int recoveries, int slackMessages, int slackRepeats, long lost,
            long missing, long twice, long repeatedRecoveries) {
        long start = sent.stream().mapToLong(DrillVerify.Sent::sentAt).min().orElse(0);
        long[] latencies = acked.stream().mapToLong(DrillVerify.Sent::latencyMs).sorted().toArray();
        System.out.printf("requests %d: 200 %d, 503 %d, other/no answer %d%n", sent.size(), acked.size(),
                sent.stream().filter(s -> s.status() == 503).count(),
                sent.stream().filter(s -> s.status() != 200 && s.status() != 503).count());
        System.out.printf("time to a 200: p50 %d ms, p99 %d ms, max %d ms%n", pct(latencies, 0.50), pct(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
        for (int i = 0; i < events.size(); i++) {
            DrillVerify.Event e = events.get(i);
            if (!e.what().startsWith("kill-")) {
                continue;
            }
            long until = Long.MAX_VALUE;
            for (int j = i + 1; j < events.size(); j++) {
                if (events.get(j).what().startsWith("kill-")) {
                    until = events.get(j).at();
                    break;
                }
            }
            long from = e.at();
            long end = until;
            // By the time the answer came: a request sent just before the kill and answered 503
            // after it is the kill's doing.
            List<DrillVerify.Sent> window = sent.stream()
                    .filter(s -> answeredAt(s) >= from && answeredAt(s) < end).toList();
            TreeSet<Long> badSeconds = new TreeSet<>();
            window.stream().filter(s -> s.status() != 200).forEach(s -> badSeconds.add((answeredAt(s) - start) / 1000));
            System.out.printf("t=%5.1fs %s %s: %d answers until the next kill, %d not 200 (503: %d) in %d distinct"
                            + " seconds (of the load, by answer) %s; max time to a 200 %d ms%n",
                    (from - start) / 1000.0, e.what(), e.detail(), window.size(),
                    window.stream().filter(s -> s.status() != 200).count(),
                    window.stream().filter(s -> s.status() == 503).count(), badSeconds.size(), badSeconds,
                    window.stream().filter(s -> s.status() == 200).mapToLong(DrillVerify.Sent::latencyMs).max().orElse(0));
            if (e.what().equals("kill-processor")) {
                processorKill(e, outcomes.values());
            }
        }
        System.out.printf("recoveries run %d (repeated %d); Slack messages %d (repeated %d)%n", recoveries,
                repeatedRecoveries, slackMessages, slackRepeats);
        System.out.printf("acknowledged but not in their topic %d; without a finished outcome %d; with two or more %d%n",
                lost, missing, twice);
    }

    /**
     * How long records arriving just after the kill waited for their outcome (the failover gap as
     * a sender's alert sees it), and when each instance first finished one after the kill.
     */
    private static void processorKill(DrillVerify.Event e, Collection<List<JsonNode>> outcomes) {
        long worst = 0;
        Map<String, Long> firstBy = new java.util.TreeMap<>();
        for (List<JsonNode> docs : outcomes) {
            for (JsonNode d : docs) {
                long received = DrillVerify.epochMs(d, "received_at");
                long processed = DrillVerify.epochMs(d, "processed_at");
                if (received >= e.at() && received < e.at() + 5000) {
                    worst = Math.max(worst, processed - received);
                }
                if (processed >= e.at()) {
                    firstBy.merge(d.path("processed_by").asString(), processed, Math::min);
                }
            }
        }
        System.out.printf("    processor kill: alerts received in the 5 s after it waited up to %d ms for their"
                + " outcome; first outcome after the kill per instance (s after the kill): %s%n", worst,
                firstBy.entrySet().stream().map(x -> x.getKey() + "=" + (x.getValue() - e.at()) / 1000.0).toList());
    }

    private static long answeredAt(DrillVerify.Sent s) {
        return s.sentAt() + s.latencyMs();
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
