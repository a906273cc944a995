package io.alertline.common.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.testing.AlertmanagerFixtures;

class AlertFingerprintTest {

    static java.util.List<String> fixtures() {
        return AlertmanagerFixtures.bodies();
    }

    /** Our label hash must equal the fingerprint Alertmanager itself put in each captured body. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void labelHashEqualsAlertmanagersFingerprint(String fixture) {
        for (Alert alert : new PayloadParser().parse(AlertmanagerFixtures.read(fixture)).alerts()) {
            assertThat(AlertFingerprint.ofLabels(alert.labels())).isEqualTo(alert.fingerprint());
        }
    }

    @Test
    void prefersTheSendersFingerprint() {
        Alert alert = new Alert("firing", Map.of("alertname", "A"), Map.of(), null, null, null, "given");
        assertThat(AlertFingerprint.of(alert)).isEqualTo("given");
    }

    @Test
    void isIndependentOfLabelOrderAndPadsToSixteenDigits() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertThat(AlertFingerprint.ofLabels(a)).isEqualTo(AlertFingerprint.ofLabels(b)).hasSize(16);
        assertThat(AlertFingerprint.ofLabels(Map.of())).isEqualTo("cbf29ce484222325");
        assertThat(AlertFingerprint.ofLabels(Map.of("a", "1"))).isNotEqualTo(AlertFingerprint.ofLabels(Map.of("a", "2")));
    }
}
