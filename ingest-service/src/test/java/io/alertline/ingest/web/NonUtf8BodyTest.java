package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.testing.SharedKafkaBroker;
import io.alertline.common.topic.Category;
import io.alertline.ingest.support.ClientAddresses;
import io.alertline.ingest.support.IngestIntegrationTest;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;
import io.alertline.ingest.support.TopicOffsets;

/**
 * A correctly signed body that is not strict UTF-8 gets a 400 with the usual validation error
 * and is not published: before, overlong forms were decoded (the label below became "ollama")
 * and UTF-16/UTF-32 bodies were accepted through Jackson's encoding detection.
 */
@IngestIntegrationTest
class NonUtf8BodyTest {

    private static final String JSON =
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Down\",\"service\":\"ollama\"}}]}";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Autowired
    WebTestClient client;

    /**
     * @param charset the body's encoding
     * @param prefixHex bytes before it (a byte order mark), hex
     * @param serviceHex for UTF-8 only: the raw bytes that replace the service label's value, hex
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "UTF-8,    '', 6F6C6CC1A16D61",  // "oll" + overlong 'a' + "ma", read as "ollama" before
            "UTF-8,    '', EDA080",          // U+D800 encoded in UTF-8 (CESU-8 style)
            "UTF-8,    '', 6F6CE282",        // a truncated three-byte sequence
            "UTF-8,    '', 6F6C80",          // a stray continuation byte
            "UTF-8,    '', 6F6CFF",          // an invalid lead byte
            "UTF-16LE, '', ''",
            "UTF-16LE, FFFE, ''",
            "UTF-16BE, '', ''",
            "UTF-16BE, FEFF, ''",
            "UTF-32LE, '', ''",
            "UTF-32LE, FFFE0000, ''",
            "UTF-32BE, '', ''",
            "UTF-32BE, 0000FEFF, ''",
    })
    void signedNonUtf8BodyGets400AndIsNotPublished(String charset, String prefixHex, String serviceHex) {
        byte[] body = body(Charset.forName(charset), HexFormat.of().parseHex(prefixHex),
                HexFormat.of().parseHex(serviceHex));
        String topic = "alerts." + Category.AI.id();
        long before = TopicOffsets.endOffsetSum(SharedKafkaBroker.bootstrapServers(), topic);

        client.post().uri(Category.AI.path()).contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", ClientAddresses.next())
                .header("X-Signature", WebhookSigner.xSignature(TestCredentials.HMAC_SECRET, body))
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error").isEqualTo("Payload validation failed")
                .jsonPath("$.details.field").isEqualTo("body")
                .jsonPath("$.details.message").value(m -> assertThat((String) m).startsWith("Not UTF-8"));

        assertThat(TopicOffsets.endOffsetSum(SharedKafkaBroker.bootstrapServers(), topic))
                .as("nothing published").isEqualTo(before);
    }

    private static byte[] body(Charset charset, byte[] prefix, byte[] rawService) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        if (rawService.length == 0) {
            out.writeBytes(JSON.getBytes(charset));
        } else {
            int at = JSON.indexOf("ollama");
            out.writeBytes(JSON.substring(0, at).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(rawService);
            out.writeBytes(JSON.substring(at + "ollama".length()).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
