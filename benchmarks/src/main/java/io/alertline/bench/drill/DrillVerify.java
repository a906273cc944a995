package io.alertline.bench.drill;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drill's verdict, from what the load saw (results), what the drill did (events), Kafka's
 * topics, the recovery script's run log and the Slack stand-in's log. Correctness is asserted
 * (exit 1): every 200 is a record still in its topic with exactly one finished outcome, no
 * recovery ran twice, every acknowledged critical alert's recovery ran or (at most one per
 * processor kill) is reported interrupted, Slack repeated at most one message per processor kill.
 * Timing is reported.
 */
final class DrillVerify {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ALERTNAME = Pattern.compile("drill-(?:crit|warn)-[A-Za-z0-9]+-\\d+");

    record Sent(int seq, String alertname, long sentAt, int status, long latencyMs, String requestId,
            int partition, long offset) {
        boolean critical() {
            return alertname.startsWith("drill-crit-");
        }

        String topic(String prefix) {
            return prefix + (critical() ? ".critical" : ".warning");
        }
    }

    record Event(long at, String what, String detail) {
    }

    private DrillVerify() {
    }

    static int run(String bootstrap, String prefix, Path results, Path events, Path recoveryRuns, Path slackLog,
            long waitSeconds) throws Exception {
        List<Sent> sent = Files.readAllLines(results).stream().filter(l -> !l.isBlank()).map(DrillVerify::sent).toList();
        List<Event> drill = Files.readAllLines(events).stream().filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split("\t", 3);
            return new Event(Long.parseLong(f[0]), f[1], f.length > 2 ? f[2] : "");
        }).toList();
        List<Sent> acked = sent.stream().filter(s -> s.status() == 200).toList();
        List<String> failures = new ArrayList<>();
        // the checks below say nothing about a drill that did nothing
        if (acked.size() * 2 < sent.size()) {
            failures.add("only " + acked.size() + " of " + sent.size() + " requests were answered 200");
        }
        long ackedCritical = acked.stream().filter(Sent::critical).count();

        // 1. every 200 is a record still in its topic (at the offset the ingest answered)
        Map<String, String> stored = new HashMap<>();
        for (String topic : List.of(prefix + ".warning", prefix + ".critical")) {
            TopicSnapshot.read(bootstrap, topic, r -> {
                Matcher m = ALERTNAME.matcher(TopicSnapshot.text(r.value()));
                stored.put(topic + "/" + r.partition() + "/" + r.offset(), m.find() ? m.group() : "?");
            });
        }
        long lost = acked.stream().filter(s -> !s.alertname().equals(
                stored.get(s.topic(prefix) + "/" + s.partition() + "/" + s.offset()))).count();
        if (lost > 0) {
            failures.add(lost + " acknowledged requests are not in their topic at the answered offset");
        }

        // 2. exactly one finished outcome per 200 (waiting for the processors to catch up)
        Map<String, List<JsonNode>> outcomes = outcomesByRequest(bootstrap, prefix);
        long deadline = System.currentTimeMillis() + waitSeconds * 1000;
        while (unfinished(acked, outcomes) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(3000);
            outcomes = outcomesByRequest(bootstrap, prefix);
        }
        Map<String, List<JsonNode>> done = outcomes;
        long missing = unfinished(acked, done);
        long twice = acked.stream().filter(s -> finished(done.get(s.requestId())) > 1).count();
        if (missing > 0) {
            failures.add(missing + " acknowledged requests have no finished outcome after " + waitSeconds + " s");
        }
        if (twice > 0) {
            failures.add(twice + " acknowledged requests have more than one finished outcome");
        }

        // 3. no recovery ran twice
        Map<String, Integer> runs = new HashMap<>();
        for (String line : Files.readAllLines(recoveryRuns)) {
            if (!line.isBlank()) {
                runs.merge(line.trim(), 1, Integer::sum);
            }
        }
        long repeatedRecoveries = runs.values().stream().filter(n -> n > 1).count();
        if (repeatedRecoveries > 0) {
            failures.add(repeatedRecoveries + " recovery scripts ran more than once");
        }
        // A script runs at most once: a processor killed after its in_progress mark and before the
        // script started leaves a run that is reported "Interrupted" and never started again. Each
        // kill can do that to one alert at most (one script at a time per service; the drill's
        // critical alerts share one service); any other missing run is a failure.
        long processorKills = drill.stream().filter(e -> e.what().equals("kill-processor")).count();
        Map<Boolean, List<Sent>> notRun = acked.stream()
                .filter(s -> s.critical() && !runs.containsKey(s.alertname()))
                .collect(Collectors.partitioningBy(s -> reportsInterruptedRecovery(done.get(s.requestId()))));
        List<Sent> interrupted = notRun.get(true);
        List<Sent> unexplained = notRun.get(false);
        if (!unexplained.isEmpty()) {
            failures.add(unexplained.size() + " acknowledged critical alerts ran no recovery script and their outcome"
                    + " does not say it was interrupted, e.g. " + unexplained.stream().limit(3)
                    .map(s -> s.alertname() + " " + recoveryOf(done.get(s.requestId()))).toList());
        }
        if (interrupted.size() > processorKills) {
            failures.add(interrupted.size() + " recoveries were interrupted by " + processorKills + " processor kills");
        }

        // 4. Slack repeats at most one message per processor kill
        Map<String, Integer> slack = new HashMap<>();
        for (String block : Files.readString(slackLog, StandardCharsets.UTF_8).split("--- POST")) {
            TreeSet<String> names = new TreeSet<>();
            Matcher m = ALERTNAME.matcher(block);
            while (m.find()) {
                names.add(m.group());
            }
            names.forEach(n -> slack.merge(n, 1, Integer::sum));
        }
        int slackRepeats = slack.values().stream().mapToInt(n -> n - 1).sum();
        if (slack.size() < ackedCritical) {
            failures.add("Slack heard of " + slack.size() + " alerts, " + ackedCritical + " critical ones were acknowledged");
        }
        if (slackRepeats > processorKills) {
            failures.add(slackRepeats + " repeated Slack messages for " + processorKills + " processor kills");
        }

        DrillReport.print(sent, acked, drill, done, runs.size(), slack.size(), slackRepeats, lost, missing, twice,
                repeatedRecoveries);
        System.out.printf("critical alerts acknowledged %d: recovery ran for %d, interrupted by a processor kill"
                + " (reported, not started again) %d%n", ackedCritical,
                ackedCritical - interrupted.size() - unexplained.size(), interrupted.size());
        failures.forEach(f -> System.out.println("FAIL: " + f));
        System.out.println(failures.isEmpty() ? "PASS" : "FAIL");
        return failures.isEmpty() ? 0 : 1;
    }

    private static long unfinished(List<Sent> acked, Map<String, List<JsonNode>> outcomes) {
        return acked.stream().filter(s -> finished(outcomes.get(s.requestId())) == 0).count();
    }

    /** Whether the alert's finished outcome reports a recovery interrupted by a crash before or while it ran. */
    static boolean reportsInterruptedRecovery(List<JsonNode> docs) {
        return docs != null && docs.stream().anyMatch(d -> "processed".equals(d.path("result").asString())
                && d.path("recovery").path("attempted").asBoolean(false)
                && d.path("recovery").path("message").asString().startsWith("Interrupted"));
    }

    private static String recoveryOf(List<JsonNode> docs) {
        return docs == null ? "(no outcome)" : docs.stream().map(d -> d.path("result").asString() + ":"
                + d.path("recovery").toString()).toList().toString();
    }

    static int finished(List<JsonNode> docs) {
        return docs == null ? 0 : (int) docs.stream().filter(d -> "processed".equals(d.path("result").asString())).count();
    }

    private static Map<String, List<JsonNode>> outcomesByRequest(String bootstrap, String prefix) {
        Map<String, List<JsonNode>> byRequest = new HashMap<>();
        TopicSnapshot.read(bootstrap, prefix + ".outcomes", r -> {
            JsonNode doc = JSON.readTree(TopicSnapshot.text(r.value()));
            String requestId = doc.path("request_id").asString();
            if (!requestId.isEmpty()) {
                byRequest.computeIfAbsent(requestId, k -> new ArrayList<>()).add(doc);
            }
        });
        return byRequest;
    }

    static long epochMs(JsonNode doc, String field) {
        String text = doc.path(field).asString();
        return text.isEmpty() ? 0 : Instant.parse(text).toEpochMilli();
    }

    private static Sent sent(String line) {
        String[] f = line.split("\t");
        return new Sent(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                f[5], "-".equals(f[6]) ? -1 : Integer.parseInt(f[6]), "-".equals(f[7]) ? -1 : Long.parseLong(f[7]));
    }
}
