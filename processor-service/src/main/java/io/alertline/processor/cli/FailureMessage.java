package io.alertline.processor.cli;

import java.util.List;

import org.apache.kafka.common.errors.AuthenticationException;

import io.alertline.processor.config.KafkaClientSettings;
import io.alertline.processor.notify.SecretRedactor;

/**
 * The line a failed subcommand prints: a refused Kafka login (SASL or TLS) said as such, with
 * where to look, and never a secret of the client settings (error texts may quote them).
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /** @param kafka the client settings in use, or null if the failure came before they were read */
    static String of(RuntimeException failure, KafkaClientSettings kafka) {
        AuthenticationException refused = authenticationFailure(failure);
        // A refused login fails the call at once; say what it means, not just the exception class.
        String message = refused == null ? "failed: " + failure.getMessage()
                : "failed: Kafka refused to authenticate this client (" + refused.getClass().getSimpleName() + ": "
                        + refused.getMessage() + "); check SPRING_KAFKA_SECURITY_PROTOCOL, "
                        + "SPRING_KAFKA_PROPERTIES_SASL_* and SPRING_KAFKA_SSL_*";
        return redact(message, kafka);
    }

    static String redact(String message, KafkaClientSettings kafka) {
        return new SecretRedactor(kafka == null ? List.of() : kafka.secrets()).redact(message);
    }

    private static AuthenticationException authenticationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException a) {
                return a;
            }
        }
        return null;
    }
}
