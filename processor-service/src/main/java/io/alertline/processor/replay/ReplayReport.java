package io.alertline.processor.replay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a replay, re-drive or dead-letter listing did (or, with dry-run, would do). The same
 * document goes to the audit topic for operations that changed something.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayReport(
        @JsonProperty("id") String id,
        @JsonProperty("operation") String operation,
        @JsonProperty("mode") String mode,
        @JsonProperty("actor") String actor,
        @JsonProperty("at") String at,
        @JsonProperty("dry_run") boolean dryRun,
        @JsonProperty("criteria") java.util.Map<String, Object> criteria,
        @JsonProperty("count") int count,
        @JsonProperty("records") List<ReplayedRecord> records) {
}
