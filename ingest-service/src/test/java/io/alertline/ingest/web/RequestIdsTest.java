package io.alertline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsAreDistinctVersionFourUuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void threadsDrawDifferentIds() throws InterruptedException {
        Set<String> fromOther = new HashSet<>();
        Thread other = new Thread(() -> {
            for (int i = 0; i < 1_000; i++) {
                fromOther.add(RequestIds.next());
            }
        });
        other.start();
        other.join();
        Set<String> here = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            here.add(RequestIds.next());
        }
        here.retainAll(fromOther);
        assertThat(fromOther).hasSize(1_000);
        assertThat(here).isEmpty();
    }
}
