package io.alertline.processor.consume;

import java.util.Map;

import io.alertline.common.payload.Alert;
import io.alertline.processor.recovery.AutoRecovery;
import io.alertline.processor.recovery.RecoveryResult;

/** Runs an alert's recovery script if it asks for one ({@link AutoRecovery#handle}). */
@FunctionalInterface
public interface RecoveryRunner {

    /**
     * @param facts     what the script is told besides the alert ({@code ALERT_*} variables)
     * @param beforeRun called, and returned from, before the script starts; not called when nothing runs
     * @return null when the alert does not ask for recovery
     */
    RecoveryResult run(Alert alert, Map<String, String> facts, Runnable beforeRun);
}
