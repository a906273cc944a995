package io.alertline.ingest.support;

import java.util.concurrent.atomic.AtomicInteger;

/** A fresh client address per call, so tests never share a rate-limit bucket by accident. */
public final class ClientAddresses {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private ClientAddresses() {
    }

    public static String next() {
        int n = NEXT.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
