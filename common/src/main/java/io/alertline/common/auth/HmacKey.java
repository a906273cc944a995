package io.alertline.common.auth;

import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * One HMAC-SHA256 key, ready to MAC from many threads at once.
 *
 * <p>{@code Mac.getInstance} walks the provider list on every call, which is too slow for a request
 * hot path, and a {@code Mac} is not thread-safe. So an initialised prototype is kept and cloned per
 * call: cloning only reads the prototype, which is never updated itself, so concurrent clones are
 * safe. A provider whose Mac cannot be cloned gets one Mac per thread instead.
 */
public final class HmacKey {

    private final Mac prototype;
    private final ThreadLocal<Mac> perThread;

    public HmacKey(byte[] key) {
        this(key, false);
    }

    // forceThreadLocal exists so tests can exercise the fallback on a JDK whose Mac does clone.
    HmacKey(byte[] key, boolean forceThreadLocal) {
        Mac mac = HmacSha256.prototype(key);
        if (!forceThreadLocal && cloneable(mac)) {
            this.prototype = mac;
            this.perThread = null;
        } else {
            // The key bytes are copied because the caller may clear its array after construction.
            byte[] copy = key.clone();
            this.prototype = null;
            this.perThread = ThreadLocal.withInitial(() -> HmacSha256.prototype(copy));
        }
    }

    /** MAC over the concatenation of {@code parts}. */
    public byte[] compute(byte[]... parts) {
        Mac mac = mac();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Constant-time check that {@code expected} is the MAC of the concatenated {@code parts}. */
    public boolean matches(byte[] expected, byte[]... parts) {
        return expected != null && MessageDigest.isEqual(compute(parts), expected);
    }

    boolean usesClone() {
        return prototype != null;
    }

    private Mac mac() {
        if (prototype != null) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // Checked at construction, so reaching this means the provider changed its mind.
                throw new IllegalStateException("HMAC prototype stopped supporting clone", e);
            }
        }
        Mac mac = perThread.get();
        // A previous call on this thread may have thrown between update and doFinal.
        mac.reset();
        return mac;
    }

    private static boolean cloneable(Mac mac) {
        try {
            mac.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }
}
