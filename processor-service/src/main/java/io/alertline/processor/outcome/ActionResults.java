package io.alertline.processor.outcome;

import java.util.Map;

import io.alertline.processor.recovery.RecoveryResult;

/**
 * What the actions did for one alert, each null when the category does not take it: the
 * recovery run (critical), each channel's state (notifying categories) and the seed's
 * per-category results ({@code gpu_alert}, {@code ai_alert}, {@code database_alert}).
 */
public record ActionResults(RecoveryResult recovery, Map<String, ChannelResult> notifications,
        Map<String, Object> gpuAlert, Map<String, Object> aiAlert, Map<String, Object> databaseAlert) {

    public static final ActionResults NONE = new ActionResults(null, null, null, null, null);
}
