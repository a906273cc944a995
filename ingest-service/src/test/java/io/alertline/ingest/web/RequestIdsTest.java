package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Request ids stay what UUID.randomUUID() gave: version 4, IETF variant, canonical text, unique. */
class RequestIdsTest {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void versionFourIetfVariantInCanonicalText() {
        // past one buffer's worth, so a refill is crossed
        for (int i = 0; i < 1_000; i++) {
            UUID id = RequestIds.nextUuid();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            String text = RequestIds.next();
            assertThat(text).matches(CANONICAL);
            assertThat(UUID.fromString(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void uniqueWithinAndAcrossThreads() throws InterruptedException {
        int threads = 4;
        int perThread = 5_000; // many refills per thread
        Set<String> all = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                Set<String> mine = new HashSet<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(RequestIds.next());
                }
                all.addAll(mine);
                done.countDown();
            }).start();
        }
        done.await();
        assertThat(all).hasSize(threads * perThread);
    }

    @Test
    void bitsBesidesVersionAndVariantVary() {
        // a generator stuck on zeros (or a buffer never refilled) would still pass the format checks
        long orMsb = 0;
        long orLsb = 0;
        for (int i = 0; i < 600; i++) {
            UUID id = RequestIds.nextUuid();
            orMsb |= id.getMostSignificantBits();
            orLsb |= id.getLeastSignificantBits();
        }
        assertThat(orMsb).isEqualTo(-1L & ~0xB000L); // all bits seen set, except version bits that are always 0
        assertThat(orLsb).isEqualTo(-1L & ~0x4000_0000_0000_0000L);
    }
}
