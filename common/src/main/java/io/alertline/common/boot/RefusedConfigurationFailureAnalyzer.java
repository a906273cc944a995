package io.alertline.common.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused configuration into Boot's short failure report ("Description" and "Action",
 * one paragraph each) instead of a stack trace. Registered in this module's
 * {@code META-INF/spring.factories}, so every service that refuses a configuration gets it.
 */
class RefusedConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<RefusedConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RefusedConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
