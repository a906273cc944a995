package io.alertline.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/** Pure Reactor logic: what becomes of a send's failure before and after the publish timeout. */
class LateSendFailuresTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LateSendFailures late = new LateSendFailures(registry);
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchDroppedErrors() {
        Hooks.onErrorDropped(dropped::add);
    }

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void counterIsRegisteredBeforeAnyFailure() {
        assertThat(registry.find("alertline.ingest.publish.late.failures").counter()).isNotNull();
        assertThat(late.total()).isZero();
    }

    @Test
    void aFailureAfterTheTimeoutIsCountedNotDropped() {
        CompletableFuture<String> send = new CompletableFuture<>();
        assertThatThrownBy(() -> late.guard(() -> send, Schedulers.immediate(), Duration.ofMillis(50)).block())
                .hasCauseInstanceOf(TimeoutException.class);

        send.completeExceptionally(new NotEnoughReplicasException("late"));

        assertThat(late.total()).isEqualTo(1);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aFailureRacingTheTimeoutIsNeverDroppedAsAnError() {
        // the send fails at the very moment the timeout fires, many times over
        for (int i = 0; i < 200; i++) {
            CompletableFuture<String> send = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> send.completeExceptionally(new NotEnoughReplicasException("racing")));
            try {
                late.guard(() -> send, Schedulers.immediate(), Duration.ofMillis(20)).block();
            } catch (RuntimeException expected) {
                // either the failure or the timeout: both answer 503
            }
        }
        assertThat(dropped).isEmpty();
    }

    @Test
    void aFailureInTimeReachesTheCallerAndIsNotCountedAsLate() {
        CompletableFuture<String> send = CompletableFuture.failedFuture(new NotEnoughReplicasException("now"));
        assertThatThrownBy(() -> late.guard(() -> send, Schedulers.immediate(), Duration.ofSeconds(5)).block())
                .isInstanceOf(NotEnoughReplicasException.class);
        assertThat(late.total()).isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void aSuccessIsPassedThrough() {
        assertThat(late.guard(() -> CompletableFuture.completedFuture("ack"), Schedulers.immediate(), Duration.ofSeconds(5)).block()).isEqualTo("ack");
        assertThat(late.total()).isZero();
    }

    /** The timeout is timed on the event loop that subscribed (EventLoopTimer), not on a shared scheduler. */
    @Test
    void theTimeoutFiresOnTheEventLoopThatStartedThePublish() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            Thread loopThread = loop.submit(Thread::currentThread).get();
            AtomicReference<Thread> timedOutOn = new AtomicReference<>();
            loop.execute(() -> late.guard(CompletableFuture<String>::new, Schedulers.immediate(), Duration.ofMillis(20))
                    .subscribe(null, e -> timedOutOn.set(Thread.currentThread())));
            await().atMost(Duration.ofSeconds(5)).until(() -> timedOutOn.get() != null);
            assertThat(timedOutOn.get()).isSameAs(loopThread);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
