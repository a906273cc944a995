package io.alertline.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SASL_SSL broker fixture really demands SCRAM over TLS: otherwise the end-to-end tests that use it prove nothing. */
class KafkaBrokerProcessSaslSslTest {

    static KafkaBrokerProcess broker;

    @BeforeAll
    static void start() {
        broker = KafkaBrokerProcess.saslSsl("alertline", "scram-secret-0123456789");
        broker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theRightCredentialsOverTlsCreateATopic() throws Exception {
        Map<String, Object> config = new HashMap<>(broker.security().clientProperties());
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("sasl-ssl-check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("sasl-ssl-check");
        }
    }

    @Test
    void aWrongPasswordFailsFastWithAnAuthenticationError() {
        Map<String, Object> config = new HashMap<>(broker.security().clientProperties());
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"alertline\" password=\"wrong-password\";");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aPlainTextClientGetsNothing() throws Exception {
        // the same address answers a SASL_SSL client, so the failure below is the protocol, not a dead port
        Map<String, Object> secure = new HashMap<>(broker.security().clientProperties());
        secure.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(secure)) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).isNotNull();
        }
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", 3000, "request.timeout.ms", 2000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }
}
