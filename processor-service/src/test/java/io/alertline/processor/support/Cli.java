package io.alertline.processor.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.processor.cli.AdminCli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the processor jar's operator subcommands in-process, as {@code java -jar … replay …} would. */
public final class Cli {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Result(int exitCode, String out, String err) {
        public JsonNode json() {
            return JSON.readTree(out);
        }
    }

    private Cli() {
    }

    public static Result run(String topicPrefix, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafkaBroker.bootstrapServers());
        env.put("KAFKA_TOPIC_PREFIX", topicPrefix);
        env.put("RECORD_SIGNING_KEY", Apps.RECORD_SIGNING_KEY);
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AdminCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
