package io.alertline.common.boot;

/**
 * The service would run without a usable credential, or open to more than it should be. The
 * message and the action name variables, never values: both end up in the log.
 */
public class InsecureConfigurationException extends RefusedConfigurationException {

    /** @param action what the operator should set, shown under "Action:" in Boot's failure report */
    public InsecureConfigurationException(String message, String action) {
        super(message, action);
    }
}
