package io.alertline.common.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.alertline.common.payload.Alert;

/**
 * The identity of an alert: the sender's {@code fingerprint} when it gave one, else the same hash
 * Alertmanager computes (FNV-1a 64 over the sorted label set, each name and value followed by a
 * 0xFF separator byte, as 16 hex digits), so both agree on alerts from either source.
 */
public final class AlertFingerprint {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private AlertFingerprint() {
    }

    public static String of(Alert alert) {
        String given = alert.fingerprint();
        if (given != null && !given.isBlank()) {
            return given;
        }
        return ofLabels(alert.labels());
    }

    public static String ofLabels(Map<String, String> labels) {
        List<String> names = new ArrayList<>(labels.keySet());
        names.sort(null);
        long hash = FNV_OFFSET;
        for (String name : names) {
            hash = add(hash, name);
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, labels.get(name));
            hash = addByte(hash, SEPARATOR);
        }
        String hex = Long.toHexString(hash);
        return "0".repeat(16 - hex.length()) + hex;
    }

    private static long add(long hash, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        hash ^= b;
        return hash * FNV_PRIME;
    }
}
