package io.alertline.common.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLoopThreadsTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(EventLoopThreads.IO_WORKER_COUNT);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(EventLoopThreads.IO_WORKER_COUNT);
        } else {
            System.setProperty(EventLoopThreads.IO_WORKER_COUNT, saved);
        }
    }

    @Test
    void oneLoopPerAvailableProcessorWhenNotSet() {
        System.clearProperty(EventLoopThreads.IO_WORKER_COUNT);

        EventLoopThreads.matchAvailableProcessors();

        assertThat(System.getProperty(EventLoopThreads.IO_WORKER_COUNT))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anExplicitSettingIsKept() {
        System.setProperty(EventLoopThreads.IO_WORKER_COUNT, "7");

        EventLoopThreads.matchAvailableProcessors();

        assertThat(System.getProperty(EventLoopThreads.IO_WORKER_COUNT)).isEqualTo("7");
    }
}
