package io.alertline.common.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.alertline.common.testing.AlertmanagerFixtures;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming {@link PayloadParser} against the tree-based parser it replaced
 * ({@link TreePayloadParser}): for every captured Alertmanager body, every edge case below and
 * thousands of generated bodies (wrong types, nulls, repeated names, nested junk, broken syntax,
 * bad escapes, trailing bytes), both give the same payload or the same error. The ingest's
 * {@link PayloadParser#summarize} is held to the same: the tree parser's alert names and group
 * key, or its error.
 */
class StreamingPayloadParserEquivalenceTest {

    private static final PayloadLimits LIMITS = new PayloadLimits(5, 40);
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final PayloadParser streaming = new PayloadParser(mapper, LIMITS);
    private final TreePayloadParser tree = new TreePayloadParser(JsonMapper.builder().build(), LIMITS);

    static List<String> fixtures() {
        return AlertmanagerFixtures.bodies();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void capturedAlertmanagerBodies(String fixture) {
        PayloadParser defaults = new PayloadParser();
        byte[] body = AlertmanagerFixtures.read(fixture);
        assertThat(outcome(() -> defaults.parse(body))).isEqualTo(outcome(() -> new TreePayloadParser().parse(body)))
                .startsWith("payload");
        assertThat(summary(() -> defaults.summarize(body)))
                .isEqualTo(summary(() -> PayloadSummary.of(new TreePayloadParser().parse(body))));
        // and Alertmanager's own bodies take the fast path, not the fallback to the full parse
        assertThat(CleanPayloadScan.scan(JsonMapper.builder().build(), body, PayloadLimits.DEFAULT)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "null", "1", "\"x\"", "[]", "[1,", "{", "{}", "{} ", "{} {}", "{}x", "{\"alerts\":[]} []",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}]} 1",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}]",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"n\":1.50,\"e\":1e3,\"big\":123456789012345678901234567890,\"neg\":-0,\"f\":false}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"x\":null,\"y\":[1]}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"y\":[1],\"y\":\"ok\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"alerts\":null}",
            "{\"alerts\":7,\"alerts\":[{\"labels\":{\"alertname\":\"B\"}}]}",
            "{\"status\":3,\"alerts\":[{}]}",
            "{\"alerts\":[{}],\"status\":3}",
            "{\"alerts\":[null,{\"labels\":{\"alertname\":\"A\"}}]}",
            "{\"alerts\":[1,2,3,4,5,6,7]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"truncatedAlerts\":2147483648}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"truncatedAlerts\":1.0}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"truncatedAlerts\":\"3\"}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"groupLabels\":[],\"receiver\":5}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":\"resolved\",\"annotations\":{\"a\":{}}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"alertname\":\"B\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"alertname\":null}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":7}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"labels\":{\"alertname\":\"B\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"status\":\"weird\"}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":\"resolved\"}],\"status\":\"weird\"}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"status\":\"pending\",\"status\":\"firing\"}]}",
            "{\"groupKey\":\"g\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"groupKey\":null}",
            "{\"groupKey\":\"g\",\"alerts\":[{\"labels\":{\"alertname\":\"A\",\"x\":null},\"annotations\":null}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}],\"alerts\":[{\"labels\":{\"alertname\":\"B\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}},{\"labels\":{\"alertname\":\"A\"}}]}",
            "{\"alerts\":[{\"labels\":{\"alertname\":\"A\\u0000\"}}]}",
    })
    void edgeCases(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> streaming.parse(body))).isEqualTo(outcome(() -> tree.parse(body)));
        assertThat(summary(() -> streaming.summarize(body))).isEqualTo(summary(() -> PayloadSummary.of(tree.parse(body))));
    }

    @Test
    void generatedBodies() {
        SplittableRandom random = new SplittableRandom(20261129);
        int accepted = 0;
        int fastPath = 0;
        for (int i = 0; i < 5_000; i++) {
            String json = new Generator(random).root();
            if (random.nextInt(10) == 0) { // broken syntax: cut short, or something after the value
                json = random.nextBoolean() ? json.substring(0, random.nextInt(json.length()))
                        : json + (random.nextBoolean() ? " ]" : " {\"a\":1}");
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String expected = outcome(() -> tree.parse(body));
            assertThat(outcome(() -> streaming.parse(body))).as(json).isEqualTo(expected);
            assertThat(summary(() -> streaming.summarize(body))).as(json)
                    .isEqualTo(summary(() -> PayloadSummary.of(tree.parse(body))));
            accepted += expected.startsWith("payload") ? 1 : 0;
            fastPath += CleanPayloadScan.scan(mapper, body, LIMITS) != null ? 1 : 0;
        }
        // most accepted bodies are clean ones, which the ingest's scan must take without the fallback
        assertThat(fastPath).isGreaterThan(accepted / 2);
        // the generator must exercise both sides: valid groups and each kind of refusal
        assertThat(accepted).isBetween(500, 4_500);
    }

    private static String outcome(java.util.function.Supplier<?> parse) {
        try {
            return "payload " + parse.get();
        } catch (PayloadValidationException e) {
            // the tree parser's trailing-token message also named its target type and the feature
            return "refused " + e.field() + ": " + e.getMessage().replaceFirst(" \\(bound as .*$", "");
        }
    }

    private static String summary(java.util.function.Supplier<PayloadSummary> summarize) {
        String outcome = outcome(summarize);
        return outcome.startsWith("payload") ? outcome + " key " + summarize.get().recordKey() : outcome;
    }

    /**
     * Random JSON shaped like a webhook group. A "clean" one (about a third) has every known field
     * of the right type, so it is accepted; the others get a fair share of wrong types and values.
     */
    private record Generator(SplittableRandom random, boolean clean) {

        private static final String[] ROOT = {"alerts", "status", "receiver", "externalURL", "version", "groupKey",
            "groupLabels", "commonLabels", "commonAnnotations", "truncatedAlerts", "extra"};
        private static final String[] ALERT = {"labels", "annotations", "status", "startsAt", "endsAt",
            "generatorURL", "fingerprint", "values"};
        private static final String[] KEYS = {"alertname", "severity", "job", "instance", "summary", "a-b", "ü"};

        Generator(SplittableRandom random) {
            this(random, random.nextInt(3) == 0);
        }

        String root() {
            return wrong(30) ? any(2) : object(ROOT, this::rootValue);
        }

        private String rootValue(String name) {
            return switch (name) {
                case "alerts" -> wrong(8) ? any(2)
                        : array(clean ? 5 : 8, () -> wrong(15) ? any(1) : object(ALERT, this::alertValue));
                case "groupLabels", "commonLabels", "commonAnnotations" -> wrong(8) ? any(1) : map();
                case "truncatedAlerts" -> wrong(2) ? any(1) : Integer.toString(random.nextInt(5));
                case "status" -> wrong(3) ? any(1) : pick("\"firing\"", "\"resolved\"", "null");
                case "extra" -> any(2);
                default -> wrong(3) ? any(2) : string();
            };
        }

        private String alertValue(String name) {
            return switch (name) {
                case "labels" -> wrong(10) ? any(1) : map();
                case "annotations" -> wrong(6) ? any(1) : map();
                case "status" -> wrong(2) ? pick("\"pending\"", any(1)) : pick("\"firing\"", "\"resolved\"");
                case "values" -> any(2);
                default -> wrong(3) ? any(2) : string();
            };
        }

        private String object(String[] names, java.util.function.Function<String, String> value) {
            List<String> fields = new ArrayList<>();
            for (String name : names) {
                if (random.nextInt(4) != 0 || name.equals("alerts") || name.equals("labels")) {
                    fields.add(quote(name) + ":" + value.apply(name));
                }
                if (random.nextInt(40) == 0) { // a repeated name
                    fields.add(quote(name) + ":" + value.apply(name));
                }
            }
            java.util.Collections.shuffle(fields, new java.util.Random(random.nextLong()));
            return "{" + String.join(",", fields) + "}";
        }

        private String map() {
            List<String> fields = new ArrayList<>();
            if (!wrong(12)) {
                fields.add("\"alertname\":" + (wrong(10) ? pick(any(1), "\" \"", quote("N".repeat(41)))
                        : pick("\"A\"", "\"DiskFull\"", "\"a\\\"b\"")));
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                fields.add(quote(KEYS[random.nextInt(KEYS.length)]) + ":" + (random.nextInt(4) == 0 ? any(0) : string()));
            }
            return "{" + String.join(",", fields) + "}";
        }

        private String array(int most, java.util.function.Supplier<String> element) {
            List<String> elements = new ArrayList<>();
            for (int i = random.nextInt(clean ? 1 : 0, most); i > 0; i--) {
                elements.add(element.get());
            }
            return "[" + String.join(",", elements) + "]";
        }

        private String any(int depth) {
            int kind = random.nextInt(depth > 0 ? 9 : 7);
            return switch (kind) {
                case 0 -> "null";
                case 1 -> pick("true", "false");
                case 2 -> Integer.toString(random.nextInt(-5, 100_000));
                case 3 -> pick("1.5", "1.50", "-0.0", "1e3", "2E-2", "9007199254740993", "-0", "12345678901234567890");
                case 4, 5, 6 -> string();
                case 7 -> "[" + any(depth - 1) + "," + any(depth - 1) + "]";
                default -> "{\"k\":" + any(depth - 1) + "}";
            };
        }

        private String string() {
            if (wrong(25)) { // what the tokenizer refuses inside a string: a bad escape, a raw control character
                return pick("\"a\\qb\"", "\"a\tb\"", "\"\\u12\"");
            }
            return pick("\"\"", "\"x\"", "\"firing\"", "\"a\\\"b\"", "\"\\u00fc\\n\"", "\"http://h/g?x=1&y=2\"");
        }

        /** Whether to put something wrong here: never in a clean body. */
        private boolean wrong(int oneIn) {
            return !clean && random.nextInt(oneIn) == 0;
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }
    }
}
