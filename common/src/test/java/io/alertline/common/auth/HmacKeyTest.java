package io.alertline.common.auth;

import static io.alertline.common.auth.Vectors.BODY;
import static io.alertline.common.auth.Vectors.RFC4231_DATA;
import static io.alertline.common.auth.Vectors.RFC4231_KEY;
import static io.alertline.common.auth.Vectors.RFC4231_MAC;
import static io.alertline.common.auth.Vectors.SECRET;
import static io.alertline.common.auth.Vectors.X_SIGNATURE;
import static io.alertline.common.auth.Vectors.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

    @Test
    void theJdkProviderSupportsCloningSoTheFastPathIsUsed() {
        assertThat(new HmacKey(utf8(SECRET)).usesClone()).isTrue();
    }

    @Test
    void computesKnownVectorsRepeatedlyWithoutConsumingThePrototype() {
        HmacKey key = new HmacKey(utf8(RFC4231_KEY));
        assertThat(HmacSha256.hex(key.compute(utf8(RFC4231_DATA)))).isEqualTo(RFC4231_MAC);
        assertThat(HmacSha256.hex(key.compute(utf8("what do ya "), utf8("want for nothing?")))).isEqualTo(RFC4231_MAC);
        assertThat(HmacSha256.hex(new HmacKey(utf8(SECRET)).compute(BODY))).isEqualTo(X_SIGNATURE);
    }

    @Test
    void threadLocalFallbackComputesTheSameMacs() {
        HmacKey key = new HmacKey(utf8(RFC4231_KEY), true);
        assertThat(key.usesClone()).isFalse();
        assertThat(HmacSha256.hex(key.compute(utf8(RFC4231_DATA)))).isEqualTo(RFC4231_MAC);
        assertThat(HmacSha256.hex(key.compute(utf8(RFC4231_DATA)))).isEqualTo(RFC4231_MAC);
    }

    @Test
    void threadLocalFallbackIsUnaffectedByTheCallerClearingItsKeyArray() {
        byte[] keyBytes = utf8(RFC4231_KEY);
        HmacKey key = new HmacKey(keyBytes, true);
        java.util.Arrays.fill(keyBytes, (byte) 0);
        assertThat(HmacSha256.hex(key.compute(utf8(RFC4231_DATA)))).isEqualTo(RFC4231_MAC);
    }

    @Test
    void matchesIsTrueOnlyForTheRightMac() {
        HmacKey key = new HmacKey(utf8(SECRET));
        byte[] mac = HmacSha256.parseHex(X_SIGNATURE);
        assertThat(key.matches(mac, BODY)).isTrue();
        assertThat(key.matches(mac, Vectors.flipBit(BODY, 0))).isFalse();
        assertThat(key.matches(null, BODY)).isFalse();
    }

    @Test
    void concurrentCallersAllGetCorrectMacs() throws Exception {
        for (boolean threadLocal : new boolean[] {false, true}) {
            HmacKey key = new HmacKey(utf8(RFC4231_KEY), threadLocal);
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        int wrong = 0;
                        for (int i = 0; i < 2_000; i++) {
                            if (!RFC4231_MAC.equals(HmacSha256.hex(key.compute(utf8("what do "), utf8("ya want for nothing?"))))) {
                                wrong++;
                            }
                        }
                        return wrong;
                    }));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).as("wrong MACs, threadLocal=" + threadLocal).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
