package io.alertline.processor.recovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How auto-recovery runs: where the {@code <service>-recovery.sh} scripts live, which services may
 * be recovered, how long a script may run, how long a service rests after a run started, and how
 * many bytes of the script's merged stdout/stderr are kept (the tail). Bound by Boot at
 * {@code alertline.processor.recovery}; the defaults are processor.yml's, nowhere else. A missing
 * value, a negative or zero timeout, a negative cooldown and a negative {@code maxOutputBytes}
 * are configuration errors.
 */
public record RecoverySettings(
        Path directory,
        Set<String> allowedServices,
        Duration timeout,
        Duration cooldown,
        int maxOutputBytes) {

    public RecoverySettings {
        if (directory == null || timeout == null || cooldown == null) {
            throw new IllegalArgumentException("recovery directory, timeout and cooldown must be set");
        }
        allowedServices = allowedServices == null ? Set.of()
                : allowedServices.stream().map(String::trim).filter(s -> !s.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("recovery timeout must be positive, got " + timeout);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("recovery cooldown must not be negative, got " + cooldown);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("recovery maxOutputBytes must not be negative, got " + maxOutputBytes);
        }
    }
}
