package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    static final String SLACK = "https://hooks.slack.com/services/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0";
    static final String TOKEN = "123456789:AAHt3l3gr4mB0tT0kenS3cret_abcdefghij";

    final SecretRedactor redactor = new SecretRedactor(List.of(SLACK, TOKEN));

    @Test
    void wholeUrlBecomesOneMarker() {
        assertThat(redactor.redact("POST " + SLACK + " failed")).isEqualTo("POST <redacted> failed");
    }

    @Test
    void pathAndLongSegmentsAreRedactedOnTheirOwn() {
        assertThat(redactor.redact("Cannot POST /services/T0ALERTLN/B0ALERTLN/sl4ckW3bh00kS3cretPart000"))
                .isEqualTo("Cannot POST <redacted>");
        assertThat(redactor.redact("token sl4ckW3bh00kS3cretPart000 rejected")).isEqualTo("token <redacted> rejected");
    }

    @Test
    void shortPathWordsAreNotSecrets() {
        assertThat(redactor.redact("no such services or webhooks")).isEqualTo("no such services or webhooks");
    }

    @Test
    void tokenIsRedactedPlainAndPercentEncoded() {
        assertThat(redactor.redact("/bot" + TOKEN + "/sendMessage")).isEqualTo("/bot<redacted>/sendMessage");
        assertThat(redactor.redact("/bot" + TOKEN.replace(":", "%3A") + "/x")).isEqualTo("/bot<redacted>/x");
    }

    @Test
    void emptyAndMissingSecretsAreIgnored() {
        SecretRedactor none = new SecretRedactor(Arrays.asList(null, "", "  "));

        assertThat(none.redact("nothing to hide")).isEqualTo("nothing to hide");
        assertThat(none.redact(null)).isNull();
        assertThat(new SecretRedactor(null).redact("x")).isEqualTo("x");
    }
}
