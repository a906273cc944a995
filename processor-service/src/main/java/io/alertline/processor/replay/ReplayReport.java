package io.alertline.processor.replay;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a replay, re-drive or dead-letter listing did (or, with dry-run, would do). The same
 * document goes to the audit topic when at least one record was re-published; {@code audited}
 * and {@code note} tell the operator whether it did and why not.
 *
 * @param count     records re-published (with dry-run: that would be)
 * @param records   those records; in an audit entry possibly cut, {@code recordsOmitted} saying by how many
 * @param skipped   records selected but not re-published, each with why; in an audit entry possibly
 *                  cut too, {@code skippedOmitted} saying by how many
 * @param replayCopiesExcluded records left out because they are themselves replay or re-drive copies
 * @param redrivenExcluded dead letters left out because an earlier re-drive already sent them back
 * @param redrivenOffsets  a re-drive's re-published dead letters as offset ranges per topic-partition
 *                         (never cut: later listings and re-drives leave these out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayReport(
        @JsonProperty("id") String id,
        @JsonProperty("operation") String operation,
        @JsonProperty("mode") String mode,
        @JsonProperty("actor") String actor,
        @JsonProperty("at") String at,
        @JsonProperty("dry_run") boolean dryRun,
        @JsonProperty("criteria") Map<String, Object> criteria,
        @JsonProperty("count") int count,
        @JsonProperty("records") List<ReplayedRecord> records,
        @JsonProperty("records_omitted") Integer recordsOmitted,
        @JsonProperty("skipped") List<SkippedCopy> skipped,
        @JsonProperty("skipped_omitted") Integer skippedOmitted,
        @JsonProperty("replay_copies_excluded") Integer replayCopiesExcluded,
        @JsonProperty("redriven_excluded") Integer redrivenExcluded,
        @JsonProperty("redriven_offsets") Map<String, String> redrivenOffsets,
        @JsonProperty("audited") Boolean audited,
        @JsonProperty("note") String note) {

    /** A listing: nothing re-published, nothing to audit. */
    static ReplayReport listing(String at, Map<String, Object> criteria, List<ReplayedRecord> records,
            int redrivenExcluded) {
        return new ReplayReport(null, "dead-letters", null, null, at, true, criteria, records.size(), records, null,
                null, null, null, redrivenExcluded, null, null, null);
    }

    /** What was actually done: {@code copied} re-published, {@code notCopied} skipped. */
    ReplayReport withOutcome(List<ReplayedRecord> copied, List<SkippedCopy> notCopied) {
        return new ReplayReport(id, operation, mode, actor, at, dryRun, criteria, copied.size(), copied, null,
                notCopied, null, replayCopiesExcluded, redrivenExcluded,
                "redrive".equals(operation) ? RedrivenDeadLetters.offsetRanges(copied) : null, audited, note);
    }

    /** The same, listing only the first {@code listed} records and {@code listedSkipped} skipped ones (audit size). */
    ReplayReport cut(int listed, int listedSkipped) {
        return new ReplayReport(id, operation, mode, actor, at, dryRun, criteria, count, records.subList(0, listed),
                listed < records.size() ? records.size() - listed : null, skipped.subList(0, listedSkipped),
                listedSkipped < skipped.size() ? skipped.size() - listedSkipped : null, replayCopiesExcluded,
                redrivenExcluded, redrivenOffsets, audited, note);
    }

    ReplayReport withAudit(boolean wasAudited, String why) {
        return new ReplayReport(id, operation, mode, actor, at, dryRun, criteria, count, records, recordsOmitted,
                skipped, skippedOmitted, replayCopiesExcluded, redrivenExcluded, redrivenOffsets, wasAudited, why);
    }
}
