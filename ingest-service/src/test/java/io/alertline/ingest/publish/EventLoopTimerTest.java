package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.DefaultEventLoop;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** The publish timeout's timer runs on the caller's event loop, can be cancelled, and works off a loop too. */
class EventLoopTimerTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aDelayScheduledOnAnEventLoopRunsOnThatLoop() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread loopThread = loop.submit(Thread::currentThread).get();
        loop.execute(() -> EventLoopTimer.INSTANCE.schedule(() -> ranOn.set(Thread.currentThread()), 20,
                TimeUnit.MILLISECONDS));
        await().atMost(Duration.ofSeconds(5)).until(() -> ranOn.get() != null);
        assertThat(ranOn.get()).isSameAs(loopThread);
    }

    @Test
    void aCancelledDelayNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Disposable timer = loop.submit(() -> EventLoopTimer.INSTANCE.schedule(() -> ran.set(true), 100,
                TimeUnit.MILLISECONDS)).get();
        timer.dispose(); // from another thread, as the producer's callback does
        assertThat(timer.isDisposed()).isTrue();
        // a marker scheduled after it on the same loop has run, so the cancelled one had its turn
        CompletableFuture<Void> later = new CompletableFuture<>();
        loop.schedule(() -> later.complete(null), 300, TimeUnit.MILLISECONDS);
        later.get(5, TimeUnit.SECONDS);
        assertThat(ran).isFalse();
    }

    @Test
    void offAnEventLoopTheTimeoutStillFires() {
        AtomicReference<Thread> firedOn = new AtomicReference<>();
        String result = Mono.<String>never()
                .timeout(Duration.ofMillis(30), Mono.fromSupplier(() -> {
                    firedOn.set(Thread.currentThread());
                    return "timed out";
                }), EventLoopTimer.INSTANCE)
                .block(Duration.ofSeconds(5));
        assertThat(result).isEqualTo("timed out");
        assertThat(firedOn.get().getName()).startsWith("parallel-");
    }
}
