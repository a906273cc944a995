package io.alertline.processor.recovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How auto-recovery runs: where the {@code <service>-recovery.sh} scripts live, which services may
 * be recovered, how long a script may run, how long a service rests after a run started, and how
 * many bytes of the script's merged stdout/stderr are kept (the tail).
 *
 * <p>Unset values ({@code null}, or {@code 0} for {@code maxOutputBytes}, as configuration binding
 * leaves them) take the defaults of the seed: {@code /app/scripts/recovery},
 * {@code ollama, openwebui, searxng}, 300 s, 5 min, 4096 bytes. A negative or zero timeout, a
 * negative cooldown and a negative {@code maxOutputBytes} are configuration errors.
 */
public record RecoverySettings(
        Path directory,
        Set<String> allowedServices,
        Duration timeout,
        Duration cooldown,
        int maxOutputBytes) {

    public static final Path DEFAULT_DIRECTORY = Path.of("/app/scripts/recovery");
    public static final Set<String> DEFAULT_ALLOWED_SERVICES = Set.of("ollama", "openwebui", "searxng");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4096;

    public RecoverySettings {
        directory = directory == null ? DEFAULT_DIRECTORY : directory;
        allowedServices = allowedServices == null ? DEFAULT_ALLOWED_SERVICES : Set.copyOf(allowedServices);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
        maxOutputBytes = maxOutputBytes == 0 ? DEFAULT_MAX_OUTPUT_BYTES : maxOutputBytes;
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

    /** The seed's behaviour: {@code /app/scripts/recovery}, the three services, 300 s, 5 min cooldown, 4 KiB tail. */
    public static RecoverySettings defaults() {
        return new RecoverySettings(null, null, null, null, 0);
    }
}
