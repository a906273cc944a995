package io.alertline.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.Cli;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * Replaying a time window: {@code --dry-run} lists exactly the window and changes nothing; a
 * plain replay is absorbed by dedup; {@code --force} re-processes exactly the window's records.
 */
class ReplayWindowTest {

    private static final String PREFIX = "replay-window";

    static ConfigurableApplicationContext processor;
    static Instant windowStart;
    static Instant windowEnd;

    private static String gpu(String alertname) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"" + alertname
                + "\",\"gpu_id\":\"0\"},\"annotations\":{},\"startsAt\":\"2026-11-22T10:00:00Z\"}],\"groupKey\":\""
                + alertname + "\"}";
    }

    private static Instant tick() {
        Instant now = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().toEpochMilli() > now.toEpochMilli() + 1);
        return Instant.ofEpochMilli(now.toEpochMilli() + 1);
    }

    @BeforeAll
    static void start() {
        processor = Apps.processor(PREFIX, Map.of("NOTIFY_CATEGORIES", ""));
        try (SignedRecords records = new SignedRecords(PREFIX)) {
            for (String n : List.of("Before1", "Before2")) {
                records.send(Category.GPU, n, gpu(n));
            }
            windowStart = tick();
            for (String n : List.of("Inside1", "Inside2", "Inside3")) {
                records.send(Category.GPU, n, gpu(n));
            }
            windowEnd = tick();
            for (String n : List.of("After1", "After2")) {
                records.send(Category.GPU, n, gpu(n));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(null).size() == 7);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    private static List<OutcomeDocument> processed(String replayId) {
        return TopicReader.outcomes(PREFIX).stream()
                .filter(d -> OutcomeResult.PROCESSED.equals(d.result()))
                .filter(d -> replayId == null ? d.replayId() == null : replayId.equals(d.replayId()))
                .toList();
    }

    private Cli.Result replay(String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "replay";
        args[1] = "--category";
        args[2] = "gpu";
        args[3] = "--from=" + windowStart;
        args[4] = "--to=" + windowEnd;
        args[5] = "--json";
        System.arraycopy(extra, 0, args, 6, extra.length);
        return Cli.run(PREFIX, Map.of(), args);
    }

    @Test
    void dryRunListsExactlyTheWindowAndChangesNothing() {
        long before = TopicReader.readAll(PREFIX + ".gpu").size();
        Cli.Result result = replay("--dry-run");
        assertThat(result.exitCode()).isZero();
        JsonNode report = result.json();
        assertThat(report.get("dry_run").asBoolean()).isTrue();
        assertThat(report.get("records").valueStream().map(r -> r.get("alertnames").get(0).asString()).toList())
                .containsExactlyInAnyOrder("Inside1", "Inside2", "Inside3");
        assertThat(TopicReader.readAll(PREFIX + ".gpu")).hasSize((int) before);
        assertThat(TopicReader.readAll(PREFIX + ".audit")).noneMatch(r -> new String(r.value()).contains("\"dry_run\":true"));
    }

    @Test
    void replayWithDedupInForceReprocessesNothingAndForceReprocessesExactlyTheWindow() {
        Cli.Result plain = replay("--actor", "alice");
        assertThat(plain.exitCode()).isZero();
        String plainId = plain.json().get("id").asString();
        assertThat(plain.json().get("count").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.outcomes(PREFIX).stream()
                .filter(d -> plainId.equals(d.replayId()) && OutcomeResult.DUPLICATE.equals(d.result())).count() == 3);
        assertThat(processed(plainId)).as("dedup absorbed the plain replay").isEmpty();

        Cli.Result forced = replay("--force", "--actor", "alice");
        assertThat(forced.exitCode()).isZero();
        String forcedId = forced.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(forcedId).size() == 3);
        assertThat(processed(forcedId)).extracting(OutcomeDocument::alertname)
                .containsExactlyInAnyOrder("Inside1", "Inside2", "Inside3");
        assertThat(processed(null)).as("nothing outside the window ran again").hasSize(7);

        List<String> audit = TopicReader.readAll(PREFIX + ".audit").stream().map(r -> new String(r.value())).toList();
        assertThat(audit).anySatisfy(a -> assertThat(a).contains(forcedId).contains("\"actor\":\"alice\"")
                .contains("\"mode\":\"force\""));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run(PREFIX, Map.of(), "replay", "--from", "yesterday").exitCode()).isEqualTo(2);
        assertThat(Cli.run(PREFIX, Map.of(), "replay", "--bogus").exitCode()).isEqualTo(2);
        assertThat(Cli.run(PREFIX, Map.of(), "dead-letters", "redrive", "--category", "gpu").exitCode()).isEqualTo(2);
    }
}
