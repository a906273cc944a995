package io.alertline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.alertline.common.boot.InsecureConfigurationException;
import io.alertline.ingest.IngestApplication;

class CredentialPolicyTest {

    private static final String KEY = "record-signing-key-0123456789";

    private static IngestProperties.Auth auth(List<String> secrets, List<String> tokens) {
        return new IngestProperties.Auth(secrets, tokens, List.of(), null);
    }

    @Test
    void refusesWithoutAnyCredential() {
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of(), List.of()), KEY))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("WEBHOOK_SECRET");
    }

    @Test
    void refusesShortSecretsWithoutPrintingThem() {
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of("short-secret"), List.of()), KEY))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of(), List.of("0123456789abcdef", "tiny")), KEY))
                .hasMessageContaining("entry 2 of WEBHOOK_BEARER_TOKENS");
    }

    @Test
    void refusesABearerTokenThatIsAlsoTheHmacSecret() {
        String same = "the-same-value-for-both";
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of(same), List.of(same)), KEY))
                .hasMessageContaining("must never double as the HMAC secret").hasMessageNotContaining(same);
    }

    @Test
    void refusesAMissingOrShortRecordSigningKey() {
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of("0123456789abcdef"), List.of()), ""))
                .hasMessageContaining("RECORD_SIGNING_KEY");
        assertThatThrownBy(() -> CredentialPolicy.check(auth(List.of("0123456789abcdef"), List.of()), "short"))
                .hasMessageContaining("RECORD_SIGNING_KEY");
    }

    @Test
    void acceptsOneGoodCredential() {
        assertThatCode(() -> CredentialPolicy.check(auth(List.of(), List.of("0123456789abcdef")), KEY))
                .doesNotThrowAnyException();
        assertThatCode(() -> CredentialPolicy.check(auth(List.of(" 0123456789abcdef ", ""), List.of()), KEY))
                .doesNotThrowAnyException();
    }

    @Test
    void theApplicationItselfRefusesToStartWithoutSecrets() {
        SpringApplication app = new SpringApplication(IngestApplication.class);
        assertThatThrownBy(() -> app.run("--server.port=0", "--WEBHOOK_SECRET=", "--WEBHOOK_BEARER_TOKENS=",
                "--RECORD_SIGNING_KEY=" + KEY, "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .satisfies(e -> {
                    Throwable root = e;
                    while (root.getCause() != null && !(root instanceof InsecureConfigurationException)) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(InsecureConfigurationException.class);
                });
    }
}
