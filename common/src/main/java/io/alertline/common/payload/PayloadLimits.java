package io.alertline.common.payload;

/**
 * Sizes past which a body is absurd rather than merely large. The body size limit of the
 * ingest already bounds everything; these give a clearer error for the common mistakes.
 */
public record PayloadLimits(int maxAlerts, int maxAlertnameLength) {

    public static final PayloadLimits DEFAULT = new PayloadLimits(1000, 1024);

    public PayloadLimits {
        if (maxAlerts < 1 || maxAlertnameLength < 1) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
    }
}
