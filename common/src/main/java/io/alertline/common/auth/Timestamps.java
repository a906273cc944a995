package io.alertline.common.auth;

import java.time.Clock;
import java.time.Duration;

/** Replay-window checks shared by the timestamped schemes. */
final class Timestamps {

    /** Longest decimal long, with room for a sign; anything longer cannot parse. */
    private static final int MAX_LENGTH = 20;

    private Timestamps() {
    }

    /**
     * Parses Unix seconds, or returns {@code null}. Stricter than {@link Long#parseLong}: ASCII
     * digits only (parseLong accepts other Unicode digits and a leading '+'), because the string is
     * signed exactly as sent and one value should have one spelling.
     */
    static Long parseEpochSeconds(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return null;
        }
        int start = value.charAt(0) == '-' ? 1 : 0;
        if (start == value.length()) {
            return null;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** True when {@code epochSeconds} is more than {@code tolerance} away from now, either way. */
    static boolean isStale(long epochSeconds, Duration tolerance, Clock clock) {
        long now = clock.instant().getEpochSecond();
        long distance;
        try {
            distance = Math.absExact(Math.subtractExact(now, epochSeconds));
        } catch (ArithmeticException overflow) {
            return true;
        }
        return Duration.ofSeconds(distance).compareTo(tolerance) > 0;
    }

    static Duration requireTolerance(Duration tolerance) {
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must be zero or positive");
        }
        return tolerance;
    }
}
