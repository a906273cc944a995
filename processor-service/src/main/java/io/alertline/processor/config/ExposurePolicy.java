package io.alertline.processor.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.alertline.common.boot.InsecureConfigurationException;
import io.alertline.common.record.RecordSigner;

/**
 * The processor's start-up refusals. Its API can replay records with {@code force}, which runs
 * recovery scripts again, so it may be open (no {@code PROCESSOR_API_TOKEN}) only where nobody
 * but this machine can reach it: on a loopback address. Messages name variables, never values.
 */
public final class ExposurePolicy {

    private ExposurePolicy() {
    }

    /**
     * @param bindAddress {@code server.address}: null or blank means every interface
     * @param apiToken    {@code PROCESSOR_API_TOKEN}
     */
    public static void checkApi(String bindAddress, String apiToken) {
        if (apiToken != null && !apiToken.isBlank()) {
            return;
        }
        if (!isLoopback(bindAddress)) {
            throw new InsecureConfigurationException("Refusing to start: the processor's API would listen on "
                    + (isWildcard(bindAddress) ? "every interface" : "a non-loopback address")
                    + " (PROCESSOR_BIND_ADDRESS) without PROCESSOR_API_TOKEN, so anyone who can reach it could "
                    + "replay alerts and re-run recovery scripts.",
                    "Set PROCESSOR_API_TOKEN (for example: openssl rand -hex 32) and send it as "
                            + "'Authorization: Bearer <token>', or set PROCESSOR_BIND_ADDRESS=127.0.0.1 to keep the API "
                            + "on this machine.");
        }
    }

    public static void checkRecordSigningKey(String key) {
        if (key == null || key.length() < RecordSigner.MIN_KEY_LENGTH) {
            throw new InsecureConfigurationException("Refusing to start: RECORD_SIGNING_KEY is "
                    + (key == null || key.isEmpty() ? "not set" : "shorter than " + RecordSigner.MIN_KEY_LENGTH
                            + " characters")
                    + "; the processor acts only on records whose ingest signature it can check.",
                    "Set RECORD_SIGNING_KEY to the same value as the ingest's (at least "
                            + RecordSigner.MIN_KEY_LENGTH + " characters; scripts/up.sh generates one into "
                            + ".alertline/local.env).");
        }
    }

    private static boolean isWildcard(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return true;
        }
        try {
            return InetAddress.getByName(bindAddress.trim()).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A literal or a name that resolves only to loopback; unresolvable counts as exposed. */
    static boolean isLoopback(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return false;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(bindAddress.trim());
            for (InetAddress address : all) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
