package io.alertline.processor.recovery;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.alertline.common.payload.Alert;

/**
 * Automatic recovery for critical alerts, as the seed's {@code /webhook/critical} documents it:
 * a firing alert with annotation {@code recovery: "auto"} whose {@code service} label is allowed
 * runs {@code <directory>/<service>-recovery.sh}.
 *
 * <p>Safety rules: the service name must match {@code [a-z0-9_-]{1,64}} before any path is built
 * and must be in the allow-list; the script's real path (symlinks resolved) must lie inside the
 * directory's real path, be a regular file and executable. It runs without a shell and without
 * arguments, in the recovery directory, stdin from {@code /dev/null}, with an environment built
 * from scratch ({@code PATH}, {@code HOME}, {@code LANG} and {@code ALERT_*} facts only), a timeout
 * that kills the whole process tree, and a bounded output tail. One run per service at a time;
 * a cooldown per service starts when a run starts.
 *
 * <p>Thread-safe. {@link #handle} blocks for the script's run time (at most the timeout plus a
 * few seconds).
 */
public class AutoRecovery {

    private static final Logger log = LoggerFactory.getLogger(AutoRecovery.class);

    public static final String RECOVERY_ANNOTATION = "recovery";
    public static final String RECOVERY_AUTO = "auto";
    public static final String SERVICE_LABEL = "service";
    public static final String SCRIPT_SUFFIX = "-recovery.sh";

    public static final String SKIPPED_RESOLVED = "skipped: resolved alert";
    public static final String SKIPPED_COOLDOWN = "skipped: cooldown";
    public static final String SKIPPED_RUNNING = "skipped: recovery already running";
    public static final String SUCCEEDED = "Recovery script succeeded";

    /** Fixed, no inheritance from the processor's own environment. */
    public static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static final int MAX_SERVICE_LENGTH = 64;
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9_-]{1," + MAX_SERVICE_LENGTH + "}");
    static final int MAX_ENV_VALUE_LENGTH = 1024;
    static final int MAX_FACTS = 64;
    private static final int MAX_FACT_KEY_LENGTH = 64;

    private final RecoverySettings settings;
    private final Clock clock;
    private final Set<String> allowed;
    /** Services with a run in progress. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Start of the latest known run per service; the cooldown counts from there. */
    private final Map<String, Instant> lastRunStart = new ConcurrentHashMap<>();

    public AutoRecovery(RecoverySettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Set<String> valid = new java.util.HashSet<>();
        for (String name : settings.allowedServices()) {
            if (name != null && SERVICE_NAME.matcher(name).matches()) {
                valid.add(name);
            } else {
                log.warn("Ignoring recovery allow-list entry {}: not a valid service name ([a-z0-9_-], at most {} characters)",
                        quote(name), MAX_SERVICE_LENGTH);
            }
        }
        this.allowed = Set.copyOf(valid);
    }

    /**
     * Decides about one alert and, when everything holds, runs its recovery script.
     *
     * @param alert     the alert
     * @param facts     extra facts exported to the script as {@code ALERT_<UPPER_SNAKE>} (may be null)
     * @param beforeRun called right before the script starts (after every check passed); if it
     *                  throws, nothing runs and the exception propagates (may be null)
     * @return null when the alert does not ask for recovery, else what happened
     */
    public RecoveryResult handle(Alert alert, Map<String, String> facts, Runnable beforeRun) {
        Objects.requireNonNull(alert, "alert");
        String recovery = alert.annotation(RECOVERY_ANNOTATION);
        if (recovery == null || !RECOVERY_AUTO.equalsIgnoreCase(recovery.strip())) {
            return null;
        }
        String rawService = alert.label(SERVICE_LABEL);
        String shownService = rawService == null ? null : display(rawService);
        if (!alert.isFiring()) {
            return RecoveryResult.notAttempted(shownService, Alert.RESOLVED.equals(alert.status())
                    ? SKIPPED_RESOLVED
                    : "skipped: alert is not firing (status " + quote(alert.status()) + ")");
        }
        if (rawService == null || rawService.isEmpty()) {
            return RecoveryResult.notAttempted(null, "skipped: alert has no service label");
        }
        if (!SERVICE_NAME.matcher(rawService).matches()) {
            return refuse(shownService, "refused: service " + quote(rawService)
                    + " is not a valid service name (allowed: [a-z0-9_-], at most " + MAX_SERVICE_LENGTH + " characters)");
        }
        String service = rawService;
        if (!allowed.contains(service)) {
            return refuse(service, "refused: service '" + service + "' is not in the recovery allow-list");
        }

        Path script;
        Path realDirectory;
        try {
            realDirectory = realDirectory();
        } catch (IOException e) {
            return refuse(service, "refused: recovery directory " + settings.directory()
                    + " does not exist or is not a directory");
        }
        try {
            script = checkedScript(service, realDirectory);
        } catch (Refusal r) {
            return refuse(service, r.getMessage());
        }

        if (!running.add(service)) {
            return RecoveryResult.notAttempted(service, SKIPPED_RUNNING);
        }
        try {
            Instant now = clock.instant();
            Instant last = lastRunStart.get(service);
            if (last != null) {
                Instant until = last.plus(settings.cooldown());
                if (now.isBefore(until)) {
                    return RecoveryResult.notAttempted(service, SKIPPED_COOLDOWN + " until " + until);
                }
            }
            if (beforeRun != null) {
                beforeRun.run();
            }
            lastRunStart.merge(service, now, AutoRecovery::later);
            return run(service, script, realDirectory, alert, facts, now);
        } finally {
            running.remove(service);
        }
    }

    /** Tells the cooldown about a run that happened earlier (outcome history, another instance). */
    public void recordEarlierRun(String service, Instant startedAt) {
        if (service == null || startedAt == null || !allowed.contains(service)) {
            return; // only allowed names are remembered, so the map stays bounded
        }
        lastRunStart.merge(service, startedAt, AutoRecovery::later);
    }

    private RecoveryResult run(String service, Path script, Path workingDirectory, Alert alert,
            Map<String, String> facts, Instant startedAt) {
        Map<String, String> environment = environment(alert, service, facts, workingDirectory);
        String started = startedAt.truncatedTo(ChronoUnit.MILLIS).toString();
        log.info("Running recovery script {} for service {}", script, service);
        ScriptRunner.Execution execution = ScriptRunner.run(script, workingDirectory, environment,
                settings.timeout(), settings.maxOutputBytes());
        double seconds = Math.round(execution.elapsedNanos() / 1_000_000.0) / 1000.0;
        String message;
        Boolean success;
        if (execution.startError() != null) {
            success = false;
            message = "Recovery script could not be started (" + execution.startError() + ")";
        } else if (execution.interrupted()) {
            success = false;
            message = "Recovery script was interrupted after " + formatSeconds(execution.elapsedNanos())
                    + " s and was killed";
        } else if (execution.timedOut()) {
            success = false;
            message = "Recovery script timed out after " + formatSeconds(settings.timeout().toNanos())
                    + " s and was killed";
        } else if (execution.exitCode() == 0) {
            success = true;
            message = SUCCEEDED;
        } else {
            success = false;
            message = "Recovery script failed with exit code " + execution.exitCode();
        }
        log.info("Recovery for service {}: {} ({} s)", service, message, seconds);
        return new RecoveryResult(service, true, success, execution.exitCode(), seconds, message,
                execution.outputTail(), started);
    }

    private Path realDirectory() throws IOException {
        Path real = settings.directory().toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("not a directory");
        }
        return real;
    }

    /** The script's real path; {@code service} is already validated and allowed. */
    private Path checkedScript(String service, Path realDirectory) throws Refusal {
        Path candidate = realDirectory.resolve(service + SCRIPT_SUFFIX);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refusal("skipped: no recovery script for service '" + service + "' (" + candidate + " not found)");
        } catch (IOException e) {
            throw new Refusal("refused: recovery script " + candidate + " cannot be resolved ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(realDirectory) || real.equals(realDirectory)) {
            throw new Refusal("refused: recovery script for service '" + service
                    + "' resolves outside the recovery directory " + realDirectory);
        }
        if (!Files.isRegularFile(real)) {
            throw new Refusal("refused: recovery script " + candidate + " is not a regular file");
        }
        if (!Files.isExecutable(real)) {
            throw new Refusal("refused: recovery script " + candidate + " is not executable");
        }
        if (!hasExecutableHeader(real)) {
            // the JDK would hand such a file to /bin/sh (ENOEXEC fallback): refuse instead
            throw new Refusal("refused: recovery script " + candidate + " has no #! line and is not an ELF binary");
        }
        return real;
    }

    private static boolean hasExecutableHeader(Path file) {
        byte[] head = new byte[4];
        int read = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            int n;
            while (read < head.length && (n = in.read(head, read, head.length - read)) > 0) {
                read += n;
            }
        } catch (IOException e) {
            return false;
        }
        boolean shebang = read >= 2 && head[0] == '#' && head[1] == '!';
        boolean elf = read == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        return shebang || elf;
    }

    private RecoveryResult refuse(String shownService, String message) {
        log.warn("Auto-recovery not run: {}", message);
        return RecoveryResult.notAttempted(shownService, message);
    }

    /** Built from scratch: nothing of the processor's own environment reaches the script. */
    static Map<String, String> environment(Alert alert, String service, Map<String, String> facts, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SAFE_PATH);
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        if (facts != null) {
            int count = 0;
            for (Map.Entry<String, String> fact : facts.entrySet()) {
                if (count >= MAX_FACTS) {
                    break;
                }
                String key = envName(fact.getKey());
                String value = sanitize(fact.getValue());
                if (key != null && value != null) {
                    env.put(key, value);
                    count++;
                }
            }
        }
        // the standard facts last: an extra fact never overrides them
        putIfPresent(env, "ALERT_NAME", alert.alertname());
        putIfPresent(env, "ALERT_SERVICE", service);
        putIfPresent(env, "ALERT_SEVERITY", alert.label("severity"));
        putIfPresent(env, "ALERT_STATUS", alert.status());
        putIfPresent(env, "ALERT_SUMMARY", alert.annotation("summary"));
        putIfPresent(env, "ALERT_STARTS_AT", alert.startsAt());
        return env;
    }

    private static void putIfPresent(Map<String, String> env, String name, String value) {
        String clean = sanitize(value);
        if (clean != null && !clean.isEmpty()) {
            env.put(name, clean);
        }
    }

    /** {@code requestId}, {@code request-id}, {@code request_id} → {@code ALERT_REQUEST_ID}; null if nothing is left. */
    static String envName(String key) {
        if (key == null) {
            return null;
        }
        StringBuilder name = new StringBuilder("ALERT_");
        int prefix = name.length();
        char previous = '_';
        for (int i = 0; i < key.length() && name.length() - prefix < MAX_FACT_KEY_LENGTH; i++) {
            char c = key.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (letterOrDigit) {
                boolean upper = c >= 'A' && c <= 'Z';
                boolean previousLowerOrDigit = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
                if (upper && previousLowerOrDigit) {
                    name.append('_');
                }
                name.append(Character.toUpperCase(c));
            } else if (name.charAt(name.length() - 1) != '_') {
                name.append('_');
            }
            previous = c;
        }
        while (name.length() > prefix && name.charAt(name.length() - 1) == '_') {
            name.setLength(name.length() - 1);
        }
        return name.length() == prefix ? null : name.toString();
    }

    /** Control, format (bidi) and separator characters removed, at most ~1 KiB; null stays null. */
    static String sanitize(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ENV_VALUE_LENGTH));
        for (int i = 0; i < value.length() && out.length() < MAX_ENV_VALUE_LENGTH; ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                continue;
            }
            if (out.length() + Character.charCount(cp) > MAX_ENV_VALUE_LENGTH) {
                break;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** A valid name as is; anything else escaped and truncated (for results and messages). */
    static String display(String service) {
        if (service != null && SERVICE_NAME.matcher(service).matches()) {
            return service;
        }
        return escape(service);
    }

    /** Single-quoted, printable ASCII only (everything else as {@code \\uXXXX}), at most 64 characters of input. */
    static String quote(String value) {
        return value == null ? "null" : "'" + escape(value) + "'";
    }

    private static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), MAX_SERVICE_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }

    private static String formatSeconds(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A check failed; the message is safe to show. */
    private static final class Refusal extends Exception {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
