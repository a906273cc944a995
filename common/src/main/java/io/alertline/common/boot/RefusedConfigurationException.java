package io.alertline.common.boot;

/**
 * A configuration the service will not start with; start-up stops with this one message and
 * the action to take, shown by {@link RefusedConfigurationFailureAnalyzer} as Boot's short
 * failure report. Messages name variables and files, never secret values: both end up in the log.
 */
public class RefusedConfigurationException extends RuntimeException {

    private final String action;

    /** @param action what the operator should change, shown under "Action:" in Boot's failure report */
    public RefusedConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
