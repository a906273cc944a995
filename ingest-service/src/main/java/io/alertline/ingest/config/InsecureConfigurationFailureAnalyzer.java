package io.alertline.ingest.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused configuration into Boot's short failure report instead of a stack trace. */
class InsecureConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set WEBHOOK_SECRET and/or WEBHOOK_BEARER_TOKENS (each at least 16 characters) and "
                        + "RECORD_SIGNING_KEY; see the README's configuration table.",
                cause);
    }
}
