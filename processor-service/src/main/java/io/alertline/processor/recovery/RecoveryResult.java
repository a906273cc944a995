package io.alertline.processor.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome document's {@code "recovery"} section: the seed's {@code service, attempted,
 * success, execution_time_seconds, message} plus the exit code, the tail of the script's output
 * and when it started. A result with {@code attempted=false} says in {@code message} why nothing ran.
 *
 * @param service              the service label (as given when valid; an escaped, truncated form otherwise)
 * @param attempted            whether the script was started
 * @param success              exit code 0; {@code null} when not attempted
 * @param exitCode             the script's exit code; {@code null} when not attempted, timed out or not startable
 * @param executionTimeSeconds wall time of the run, millisecond precision
 * @param message              human-readable outcome, e.g. {@code "skipped: cooldown until …"}
 * @param outputTail           the last bytes of merged stdout/stderr (at most {@code maxOutputBytes} in UTF-8)
 * @param startedAt            ISO-8601 instant the run started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoveryResult(
        @JsonProperty("service") String service,
        @JsonProperty("attempted") boolean attempted,
        @JsonProperty("success") Boolean success,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("execution_time_seconds") Double executionTimeSeconds,
        @JsonProperty("message") String message,
        @JsonProperty("output_tail") String outputTail,
        @JsonProperty("started_at") String startedAt) {

    /** Nothing ran; {@code message} says why. */
    public static RecoveryResult notAttempted(String service, String message) {
        return new RecoveryResult(service, false, null, null, null, message, null, null);
    }
}
