package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.alertline.ingest.IngestApplication;
import io.alertline.ingest.support.TestCredentials;

/**
 * The producer is made at the first send, so without a check at start a bad producer setting
 * would only show as a 503 on every request. No broker is needed: the check reads settings only.
 */
class ProducerSettingsTest {

    @Test
    void theApplicationRefusesToStartWithAProducerSettingKafkaWouldRefuse() {
        SpringApplication app = new SpringApplication(IngestApplication.class);
        // more than 5 requests in flight breaks the idempotent producer's ordering guarantee
        assertThatThrownBy(() -> app.run("--server.port=0", "--WEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET,
                "--RECORD_SIGNING_KEY=" + TestCredentials.RECORD_SIGNING_KEY, "--KAFKA_MAX_IN_FLIGHT=6",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1"))
                .rootCause()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max.in.flight.requests.per.connection");
    }
}
