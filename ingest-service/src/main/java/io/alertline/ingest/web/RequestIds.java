package io.alertline.ingest.web;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for request ids, from one {@link SecureRandom} per thread.
 *
 * <p>{@link UUID#randomUUID()} draws from one JVM-wide {@code SecureRandom} (NativePRNG on Linux),
 * whose every call takes the same lock; the two event loops contend for it on every request. A
 * per-thread DRBG (NIST SP 800-90A, seeded from the system's entropy when a thread first asks)
 * keeps the ids just as unpredictable and unique, without the shared lock.
 */
final class RequestIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RequestIds::newRandom);

    private RequestIds() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // every Java 9+ runtime has DRBG; this is only a fallback
        }
    }
}
