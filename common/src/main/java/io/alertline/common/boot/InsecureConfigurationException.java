package io.alertline.common.boot;

/**
 * The service would run without a usable credential, or open to more than it should be; start-up
 * stops with this one message. The message and the action name variables, never values: both
 * end up in the log.
 */
public class InsecureConfigurationException extends RuntimeException {

    private final String action;

    /** @param action what the operator should set, shown under "Action:" in Boot's failure report */
    public InsecureConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
