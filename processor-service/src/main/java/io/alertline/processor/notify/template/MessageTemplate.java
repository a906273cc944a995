package io.alertline.processor.notify.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import io.alertline.common.boot.RefusedConfigurationException;
import io.alertline.processor.notify.AlertMessage;
import io.alertline.processor.notify.GroupMessage;

/**
 * A chat message template, compiled once at start-up with the channel's {@link ChannelEscaper}.
 * The engine is JMustache (Spring Boot manages it): logic-less, so a template cannot run code,
 * and escaping is the compiler's job, per channel, not each template's. A template that does not
 * compile, or that fails on a sample group with every field set (a misspelt name, say), refuses
 * start-up naming the file, the line and the reason.
 */
public final class MessageTemplate {

    private static final GroupMessage SAMPLE = new GroupMessage("sample", "critical", "team-db",
            Map.of("alertname", "DiskFilling"), Map.of("alertname", "DiskFilling", "team", "db"),
            "http://alertmanager.example:9093", List.of(new AlertMessage("DiskFilling", "critical", "Disk 95% full",
                    "/var is filling", "postgres", "critical", "db1:9100", "firing", Instant.EPOCH, "sample",
                    "http://prometheus.example:9090/graph", Map.of("alertname", "DiskFilling", "team", "db")),
                    new AlertMessage("DiskFilling", "warning", null, null, null, null, null, "resolved", null,
                            "sample")), 1);

    private final String source;
    private final Template template;

    private MessageTemplate(String source, Template template) {
        this.source = source;
        this.template = template;
    }

    /** The template shipped for {@code channel} ("slack", "discord", "telegram"). */
    public static MessageTemplate builtIn(String channel) {
        String resource = "/templates/" + channel + ".mustache";
        try (InputStream in = MessageTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in template " + resource);
            }
            return compile("built-in " + channel + " template", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    channel);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in template " + resource, e);
        }
    }

    /** A user's template file for {@code channel}. */
    public static MessageTemplate file(Path file, String channel) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new RefusedConfigurationException("Notification template " + file + " cannot be read: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    "Point the template setting at a readable UTF-8 file, or remove it to use the built-in template.");
        }
        return compile(file.toString(), text, channel);
    }

    static MessageTemplate compile(String source, String text, String channel) {
        MessageTemplate compiled = compileUnchecked(source, text, channel);
        try {
            compiled.render(TemplateModel.of(SAMPLE, SAMPLE.alerts().size()));
        } catch (MustacheException e) {
            throw refused(source, e);
        }
        return compiled;
    }

    /** Compiled but not tried on the sample group: for tests of what happens when a template fails at run time. */
    static MessageTemplate compileUnchecked(String source, String text, String channel) {
        try {
            return new MessageTemplate(source, Mustache.compiler().withEscaper(ChannelEscaper.forChannel(channel))
                    .nullValue("").emptyStringIsFalse(true).zeroIsFalse(true).compile(text));
        } catch (MustacheException e) {
            throw refused(source, e);
        }
    }

    /** @throws MustacheException on a rendering error (the caller falls back to the built-in template) */
    public String render(Map<String, Object> model) {
        return template.execute(model).strip();
    }

    public String source() {
        return source;
    }

    private static RefusedConfigurationException refused(String source, MustacheException e) {
        String where = e instanceof MustacheException.Context c ? " (line " + c.lineNo + ", name '" + c.key + "')" : "";
        return new RefusedConfigurationException("Notification template " + source + " is broken" + where + ": "
                + e.getMessage(), "Fix the template (JMustache syntax; the names a template can use are listed in the"
                + " README under 'Message templates'), or remove the setting to use the built-in template.");
    }
}
