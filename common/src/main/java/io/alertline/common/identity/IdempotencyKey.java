package io.alertline.common.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.alertline.common.payload.Alert;
import io.alertline.common.topic.Category;

/**
 * The key under which the processor remembers that an alert's work is done: a hash of
 * (category, fingerprint, status, startsAt). Alertmanager re-sends whole groups on every change
 * and HA peers send duplicates; all of them map to one key, so they collapse to one action.
 * A new firing of the same alert has a new {@code startsAt} and so a new key.
 */
public final class IdempotencyKey {

    private IdempotencyKey() {
    }

    public static String of(Category category, Alert alert) {
        return of(category, AlertFingerprint.of(alert), alert.status(), alert.startsAt());
    }

    public static String of(Category category, String fingerprint, String status, String startsAt) {
        String material = category.id() + '\n' + fingerprint + '\n' + status + '\n'
                + (startsAt == null ? "" : startsAt);
        return HexFormat.of().formatHex(sha256(material.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
