package io.alertline.processor.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outcomes already on the compacted topic must still load, and what we write must stay the same
 * document: the fixtures under {@code outcomes/v1/} were captured from the outcome topic as the
 * processor wrote them (critical with recovery, in-progress marker, duplicate, rejected,
 * uncopyable retry and dead-letter copies, retrying, dead-lettered, replayed, a GPU result).
 */
class OutcomeCodecCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OutcomeCodec codec = new OutcomeCodec(JSON);

    static List<String> fixtures() {
        return List.of("in-progress-critical", "processed-critical-recovery-notifications", "duplicate-critical",
                "duplicate-replay", "rejected-invalid-signature", "uncopyable-dead-letter", "uncopyable-retry",
                "retrying-warning", "dead-lettered-warning", "processed-warning-redrive", "processed-gpu");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = OutcomeCodecCompatibilityTest.class.getResourceAsStream("/outcomes/v1/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aDocumentWrittenByEarlierVersionsReadsAndWritesBackAsTheSameJson(String name) throws IOException {
        byte[] original = fixture(name);

        OutcomeDocument doc = codec.decode(original);
        JsonNode rewritten = JSON.readTree(codec.encode(doc));

        assertThat(rewritten).isEqualTo(JSON.readTree(new String(original, StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void timesStayIsoTextWhateverTheMappersDateDefaults(String name) throws IOException {
        JsonMapper timestamps = JsonMapper.builder().enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        OutcomeCodec codec = new OutcomeCodec(timestamps);

        JsonNode rewritten = JSON.readTree(codec.encode(codec.decode(fixture(name))));

        assertThat(rewritten).isEqualTo(JSON.readTree(new String(fixture(name), StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theKindFollowsFromTheResultAndMatchesTheKeyEarlierVersionsWrote(String name) throws IOException {
        OutcomeDocument doc = codec.decode(fixture(name));

        switch (doc.kind()) {
            case ALERT -> assertThat(doc.key()).isEqualTo(doc.idempotencyKey());
            case DUPLICATE -> assertThat(doc.key()).isEqualTo("dup:" + doc.requestId() + ":" + doc.idempotencyKey());
            case REJECTED -> assertThat(doc.key()).isEqualTo("rejected:" + doc.source().topic() + ":"
                    + doc.source().partition() + ":" + doc.source().offset());
            case UNCOPYABLE -> assertThat(doc.key()).startsWith("uncopyable:").endsWith(":" + doc.source().topic()
                    + ":" + doc.source().partition() + ":" + doc.source().offset());
        }
    }
}
