package io.alertline.processor.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The ring buffer, name and value sanitising, settings defaults, the JSON shape. */
class SmallPartsTest {

    @Test
    void outputTailKeepsOnlyTheLastBytesAcrossWraps() {
        OutputTail tail = new OutputTail(8);
        tail.write("abc".getBytes(), 0, 3);
        assertThat(tail.text()).isEqualTo("abc");
        tail.write("defgh".getBytes(), 0, 5);
        assertThat(tail.text()).isEqualTo("abcdefgh");
        tail.write("ij".getBytes(), 0, 2);
        assertThat(tail.text()).isEqualTo("cdefghij");
        tail.write("0123456789XYZ".getBytes(), 3, 10); // longer than the buffer
        assertThat(tail.text()).isEqualTo("56789XYZ");
        assertThat(tail.totalBytes()).isEqualTo(20);
    }

    @Test
    void outputTailDropsAHalfCharacterAtTheCut() {
        OutputTail tail = new OutputTail(5);
        byte[] bytes = "aé€b".getBytes(StandardCharsets.UTF_8); // a, é (2 bytes), € (3 bytes), b = 7 bytes
        tail.write(bytes, 0, bytes.length);
        assertThat(tail.text()).isEqualTo("€b");
    }

    @Test
    void outputTailNeverExceedsItsCapacityInUtf8EvenForInvalidBytes() {
        OutputTail tail = new OutputTail(6);
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, 'o', 'k', '\n'};
        tail.write(invalid, 0, invalid.length);
        assertThat(tail.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(6);
        assertThat(tail.text()).endsWith("ok\n");
    }

    @Test
    void factNamesBecomeUpperSnakeAlertVariables() {
        assertThat(AutoRecovery.envName("requestId")).isEqualTo("ALERT_REQUEST_ID");
        assertThat(AutoRecovery.envName("request-id")).isEqualTo("ALERT_REQUEST_ID");
        assertThat(AutoRecovery.envName("request_id")).isEqualTo("ALERT_REQUEST_ID");
        assertThat(AutoRecovery.envName("  fingerprint ")).isEqualTo("ALERT_FINGERPRINT");
        assertThat(AutoRecovery.envName("a=b;c")).isEqualTo("ALERT_A_B_C");
        assertThat(AutoRecovery.envName("!!!")).isNull();
        assertThat(AutoRecovery.envName(null)).isNull();
    }

    @Test
    void factValuesLoseControlCharactersAndAreCapped() {
        assertThat(AutoRecovery.sanitize("a\nb\tc\u0000d\u001be\u2028f\u200bg")).isEqualTo("abcdefg");
        assertThat(AutoRecovery.sanitize("ü".repeat(2000))).hasSize(1024);
        assertThat(AutoRecovery.sanitize("😀".repeat(600))).hasSize(1024).doesNotEndWith("\ud83d");
        assertThat(AutoRecovery.sanitize(null)).isNull();
    }

    @Test
    void settingsRejectNonsense() {
        Path dir = Path.of("/app/scripts/recovery");
        assertThatThrownBy(() -> new RecoverySettings(dir, Set.of(), Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoverySettings(dir, Set.of(), Duration.ofSeconds(1), Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoverySettings(null, Set.of(), Duration.ofSeconds(1), Duration.ZERO, 0))
                .as("no second default behind processor.yml's").isInstanceOf(IllegalArgumentException.class);
        assertThat(new RecoverySettings(dir, Set.of(" ollama", ""), Duration.ofSeconds(1), Duration.ZERO, 0)
                .allowedServices()).containsExactly("ollama");
    }

    @Test
    void resultSerialisesWithSnakeCaseNamesAndWithoutNulls() {
        JsonMapper json = JsonMapper.builder().build();
        RecoveryResult ran = new RecoveryResult("ollama", true, true, 0, 12.5, "Recovery script succeeded",
                "ok\n", "2025-11-29T10:00:00Z");
        assertThat(json.readTree(json.writeValueAsString(ran))).isEqualTo(json.readTree("{\"service\":\"ollama\","
                + "\"attempted\":true,\"success\":true,\"exit_code\":0,\"execution_time_seconds\":12.5,"
                + "\"message\":\"Recovery script succeeded\",\"output_tail\":\"ok\\n\","
                + "\"started_at\":\"2025-11-29T10:00:00Z\"}"));
        assertThat(json.readTree(json.writeValueAsString(RecoveryResult.notAttempted("ollama", "skipped: cooldown"))))
                .isEqualTo(json.readTree("{\"service\":\"ollama\",\"attempted\":false,\"message\":\"skipped: cooldown\"}"));
        assertThat(json.readValue(json.writeValueAsString(ran), RecoveryResult.class)).isEqualTo(ran);
    }
}
