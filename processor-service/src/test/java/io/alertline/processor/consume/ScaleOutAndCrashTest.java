package io.alertline.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.alertline.common.topic.Category;
import io.alertline.processor.outcome.OutcomeDocument;
import io.alertline.processor.outcome.OutcomeResult;
import io.alertline.processor.outcome.OutcomeIndex;
import io.alertline.processor.support.Apps;
import io.alertline.processor.support.SignedRecords;
import io.alertline.processor.support.TopicReader;

/** Scale-out and failover of whole processor instances on one real broker. */
class ScaleOutAndCrashTest {

    @TempDir
    Path recoveryDir;

    private static String gpuGroup(int group, int alerts) {
        StringBuilder body = new StringBuilder("{\"groupKey\":\"{}:{group=\\\"g" + group + "\\\"}\",\"alerts\":[");
        for (int i = 0; i < alerts; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"GpuHot\",\"gpu_id\":\"").append(group)
                    .append("\",\"component\":\"core").append(i).append("\"},\"annotations\":{},\"startsAt\":\"2026-11-22T10:00:00Z\"}");
        }
        return body.append("]}").toString();
    }

    private static String recoveryAlert(int n) {
        return "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Down" + n
                + "\",\"severity\":\"critical\",\"service\":\"ollama\"},\"annotations\":{\"recovery\":\"auto\"},"
                + "\"startsAt\":\"2026-11-22T10:00:00Z\"}],\"groupKey\":\"down" + n + "\"}";
    }

    /** Keys with exactly-one-finished-outcome semantics: duplicates and in-progress markers aside. */
    private static Map<String, Long> finishedPerKey(List<OutcomeDocument> outcomes) {
        return outcomes.stream()
                .filter(d -> OutcomeResult.PROCESSED.equals(d.result()))
                .collect(Collectors.groupingBy(OutcomeDocument::idempotencyKey, Collectors.counting()));
    }

    @Test
    void twoInstancesInOneGroupShareThePartitionsAndProcessEachAlertOnce() {
        String prefix = "scale-out";
        ConfigurableApplicationContext a = Apps.processor(prefix, Map.of("PROCESSOR_INSTANCE_ID", "instance-a"));
        ConfigurableApplicationContext b = Apps.processor(prefix, Map.of("PROCESSOR_INSTANCE_ID", "instance-b"));
        try (SignedRecords records = new SignedRecords(prefix)) {
            String topic = prefix + ".gpu";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                int onA = a.getBean(CategoryListeners.class).assignedPartitions(topic);
                int onB = b.getBean(CategoryListeners.class).assignedPartitions(topic);
                assertThat(onA).isPositive();
                assertThat(onB).isPositive();
                assertThat(onA + onB).isEqualTo(3);
            });
            for (int g = 0; g < 60; g++) {
                records.send(Category.GPU, "g" + g, gpuGroup(g, 5));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(finishedPerKey(TopicReader.outcomes(prefix))).hasSize(300));

            List<OutcomeDocument> outcomes = TopicReader.outcomes(prefix);
            assertThat(finishedPerKey(outcomes).values()).allMatch(n -> n == 1);
            assertThat(outcomes).noneMatch(d -> OutcomeResult.DUPLICATE.equals(d.result()));
            assertThat(outcomes.stream().map(OutcomeDocument::processedBy).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("instance-a", "instance-b");
            assertThat(outcomes.get(0).gpuAlert()).containsEntry("action_taken", "Monitored for recovery");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void stoppingAProcessorMidStreamLosesNothingAndRepeatsNoRecovery() throws Exception {
        String prefix = "failover";
        Path counter = recoveryDir.resolve("runs.txt");
        Path script = recoveryDir.resolve("ollama-recovery.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$ALERT_NAME\" >> '" + counter + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> config = new HashMap<>(Map.of(
                "RECOVERY_DIR", recoveryDir.toString(),
                "RECOVERY_COOLDOWN", "0s",
                "NOTIFY_CATEGORIES", ""));

        config.put("PROCESSOR_INSTANCE_ID", "first");
        ConfigurableApplicationContext first = Apps.processor(prefix, config);
        OutcomeIndex firstIndex = first.getBean(OutcomeIndex.class);
        int groups = 200;
        int recoveries = 20;
        CompletableFuture<Void> stream;
        try (SignedRecords records = new SignedRecords(prefix)) {
            stream = CompletableFuture.runAsync(() -> {
                for (int g = 0; g < groups; g++) {
                    records.send(Category.GPU, "g" + g, gpuGroup(g, 5));
                    if (g % (groups / recoveries) == 0) {
                        records.send(Category.CRITICAL, "down" + g, recoveryAlert(g));
                    }
                    if (g % 5 == 0) {
                        try {
                            Thread.sleep(100); // a stream, not a burst: the stop lands in the middle of it
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> firstIndex.size() >= 150);
            first.close();
            int doneByFirst = finishedPerKey(TopicReader.outcomes(prefix)).size();
            assertThat(doneByFirst).as("stopped mid-stream").isLessThan(groups * 5 + recoveries);

            config.put("PROCESSOR_INSTANCE_ID", "second");
            ConfigurableApplicationContext second = Apps.processor(prefix, config);
            try {
                stream.get();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        assertThat(finishedPerKey(TopicReader.outcomes(prefix))).hasSize(groups * 5 + recoveries));
            } finally {
                second.close();
            }
        }
        List<OutcomeDocument> outcomes = TopicReader.outcomes(prefix);
        assertThat(finishedPerKey(outcomes).values()).as("exactly one finished outcome per alert").allMatch(n -> n == 1);
        assertThat(outcomes.stream().map(OutcomeDocument::processedBy).collect(Collectors.toSet()))
                .contains("first", "second");
        List<String> runs = Files.readAllLines(counter);
        assertThat(runs).as("every recovery ran exactly once").hasSize(recoveries);
        assertThat(Set.copyOf(runs)).hasSize(recoveries);
        assertThat(new ArrayList<>(outcomes)).filteredOn(d -> d.recovery() != null && d.recovery().attempted()
                && OutcomeResult.PROCESSED.equals(d.result())).hasSize(recoveries);
    }

}
