package io.alertline.common.auth;

import static io.alertline.common.auth.Vectors.BODY;
import static io.alertline.common.auth.Vectors.SECRET;
import static io.alertline.common.auth.Vectors.SW_BODY;
import static io.alertline.common.auth.Vectors.SW_ID;
import static io.alertline.common.auth.Vectors.SW_ID_2;
import static io.alertline.common.auth.Vectors.SW_SECRET;
import static io.alertline.common.auth.Vectors.SW_SECRET_2;
import static io.alertline.common.auth.Vectors.SW_SIGNATURE;
import static io.alertline.common.auth.Vectors.SW_SIGNATURE_2;
import static io.alertline.common.auth.Vectors.SW_TIMESTAMP;
import static io.alertline.common.auth.Vectors.TIMESTAMP;
import static io.alertline.common.auth.Vectors.X_SIGNATURE;
import static io.alertline.common.auth.Vectors.X_SIGNATURE_TIMESTAMPED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void xSignatureMatchesOpensslVector() {
        assertThat(WebhookSigner.xSignature(SECRET, BODY)).isEqualTo(X_SIGNATURE);
    }

    @Test
    void timestampedSignatureMatchesOpensslVector() {
        assertThat(WebhookSigner.xSignatureTimestamped(SECRET, TIMESTAMP, BODY)).isEqualTo(X_SIGNATURE_TIMESTAMPED);
    }

    @Test
    void standardWebhooksSignatureMatchesOpensslVectors() {
        assertThat(WebhookSigner.standardWebhooksSignature(SW_SECRET, SW_ID, SW_TIMESTAMP, SW_BODY)).isEqualTo(SW_SIGNATURE);
        assertThat(WebhookSigner.standardWebhooksSignature(SW_SECRET_2, SW_ID_2, TIMESTAMP, BODY)).isEqualTo(SW_SIGNATURE_2);
        assertThat(WebhookSigner.standardWebhooksSignature(SW_SECRET.substring(6), SW_ID, SW_TIMESTAMP, SW_BODY))
                .isEqualTo(SW_SIGNATURE);
    }
}
