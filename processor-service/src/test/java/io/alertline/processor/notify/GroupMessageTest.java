package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GroupMessageTest {

    private static GroupMessage group(Map<String, String> groupLabels, Map<String, String> common, String externalURL,
            AlertMessage... alerts) {
        return new GroupMessage("r", "warning", "team db", groupLabels, common, externalURL, List.of(alerts), 0);
    }

    private static AlertMessage alert(String name, String status) {
        return new AlertMessage(name, "warning", null, null, null, null, null, status, null, null);
    }

    @Test
    void titleFollowsAlertmanagersDefaultSubject() {
        Map<String, String> byName = Map.of("alertname", "DiskFilling");
        Map<String, String> common = Map.of("alertname", "DiskFilling", "team", "db", "severity", "page");

        assertThat(group(byName, common, null, alert("DiskFilling", "firing"), alert("DiskFilling", "firing"),
                alert("DiskFilling", "firing")).title()).isEqualTo("[FIRING:3] DiskFilling (page db)");
        assertThat(group(byName, byName, null, alert("DiskFilling", "resolved")).title())
                .isEqualTo("[RESOLVED] DiskFilling");
        assertThat(group(byName, byName, null, alert("DiskFilling", "firing"), alert("DiskFilling", "resolved")).title())
                .as("a mixed group says so").isEqualTo("[FIRING:1, RESOLVED:1] DiskFilling");
        assertThat(group(Map.of(), Map.of(), null, alert("A", "firing"), alert("B", "firing")).title())
                .as("nothing grouped: the alert names").isEqualTo("[FIRING:2] A B");
    }

    @Test
    void silenceLinkPrefillsTheGroupLabelsAsAlertmanagersUiExpects() {
        GroupMessage g = group(Map.of("alertname", "Disk \"Full\"", "team", "db"), Map.of(), "http://am:9093/",
                alert("x", "firing"));

        String url = g.silenceURL();

        assertThat(url).startsWith("http://am:9093/#/silences/new?filter=").doesNotContain(" ", "+", "\"");
        assertThat(URLDecoder.decode(url.substring(url.indexOf("filter=") + 7), StandardCharsets.UTF_8))
                .isEqualTo("{alertname=\"Disk \\\"Full\\\"\",team=\"db\"}");
        assertThat(g.alertmanagerURL()).isEqualTo("http://am:9093/#/alerts?receiver=team%20db");
    }

    @Test
    void withoutExternalUrlThereAreNoLinks() {
        GroupMessage g = group(Map.of("alertname", "A"), Map.of(), " ", alert("A", "firing"));

        assertThat(g.silenceURL()).isNull();
        assertThat(g.alertmanagerURL()).isNull();
    }
}
