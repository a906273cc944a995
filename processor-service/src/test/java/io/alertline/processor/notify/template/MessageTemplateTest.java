package io.alertline.processor.notify.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.alertline.common.boot.RefusedConfigurationException;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.GroupMessage;
import io.alertline.processor.notify.TestAlerts;

class MessageTemplateTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("custom.mustache");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aCustomTemplateIsAppliedWithTheChannelsEscaping() throws Exception {
        MessageTemplate custom = MessageTemplate.file(file(
                "{{title}} for {{receiver}}\n{{#alerts}}- {{alertname}}: {{summary}}\n{{/alerts}}"), "telegram");
        GroupMessage group = TestAlerts.group(TestAlerts.withText("<b>x</b> & y", null));

        String text = new MessageRenderer(custom, MessageTemplate.builtIn("telegram"), 4096, (s, e) -> { })
                .render(group);

        assertThat(text).isEqualTo("[FIRING:1] Hostile (db) for team-db\n- Hostile: &lt;b&gt;x&lt;/b&gt; &amp; y");
    }

    @Test
    void aTemplateThatDoesNotCompileRefusesStartNamingFileAndLine() throws Exception {
        Path broken = file("{{title}}\n{{#alerts}}\n{{alertname}}\n{{/alert}}\n");

        assertThatThrownBy(() -> MessageTemplate.file(broken, "slack"))
                .isInstanceOf(RefusedConfigurationException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("alert");
    }

    @Test
    void aMisspeltNameRefusesStartInsteadOfRenderingNothing() throws Exception {
        Path typo = file("{{title}}\n{{#alerts}}{{sumary}}{{/alerts}}");

        assertThatThrownBy(() -> MessageTemplate.file(typo, "discord"))
                .isInstanceOf(RefusedConfigurationException.class)
                .hasMessageContaining(typo.toString())
                .hasMessageContaining("line 2")
                .hasMessageContaining("sumary");
    }

    @Test
    void anUnreadableFileRefusesStart() {
        Path missing = dir.resolve("nope.mustache");

        assertThatThrownBy(() -> MessageTemplate.file(missing, "slack"))
                .isInstanceOf(RefusedConfigurationException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aRuntimeFailureFallsBackToTheBuiltInTemplateAndIsCounted() {
        // the sample group at start-up has labels; this alert has none, so labels.0 does not exist
        MessageTemplate fragile = MessageTemplate.compileUnchecked("fragile", "{{#alerts}}{{labels.0.name}}{{/alerts}}",
                "slack");
        List<String> fellBack = new ArrayList<>();
        MessageRenderer renderer = new MessageRenderer(fragile, MessageTemplate.builtIn("slack"), 3000,
                (source, error) -> fellBack.add(source));

        String text = renderer.render(GroupMessage.single(TestAlerts.warning()));

        assertThat(fellBack).containsExactly("fragile");
        assertThat(text).startsWith("*[FIRING:1] HighMemoryUsage*").contains("Memory usage above 75%");
    }

    @Test
    void theBuiltInTemplatesCompile() {
        for (String channel : List.of("slack", "discord", "telegram")) {
            assertThat(MessageTemplate.builtIn(channel).render(TemplateModel.of(
                    GroupMessage.single(new AlertMessage("A", null, null, null, null, null, null, "firing", null, null)),
                    1))).contains("A");
        }
    }
}
