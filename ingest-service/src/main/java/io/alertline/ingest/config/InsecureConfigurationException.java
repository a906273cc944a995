package io.alertline.ingest.config;

/** The service would run without a usable credential; start-up stops with this one message. */
public class InsecureConfigurationException extends RuntimeException {

    public InsecureConfigurationException(String message) {
        super(message);
    }
}
