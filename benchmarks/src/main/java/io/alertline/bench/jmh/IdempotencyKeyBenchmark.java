package io.alertline.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.alertline.bench.Payloads;
import io.alertline.common.identity.AlertFingerprint;
import io.alertline.common.identity.IdempotencyKey;
import io.alertline.common.payload.Alert;
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.topic.Category;

/**
 * The processor's per-alert identity work: the idempotency key (SHA-256 over category,
 * fingerprint, status, startsAt) with the sender's fingerprint (Alertmanager) and without one
 * (Grafana: the FNV-1a label hash is computed first).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
public class IdempotencyKeyBenchmark {

    private Alert withFingerprint;
    private Alert withoutFingerprint;

    @Setup
    public void setUp() {
        withFingerprint = new PayloadParser().parse(Payloads.body("jmh", 42, 1).json()).alerts().get(0);
        withoutFingerprint = new Alert(withFingerprint.status(), withFingerprint.labels(),
                withFingerprint.annotations(), withFingerprint.startsAt(), withFingerprint.endsAt(),
                withFingerprint.generatorURL(), null);
    }

    @Benchmark
    public String idempotencyKey() {
        return IdempotencyKey.of(Category.GPU, withFingerprint);
    }

    @Benchmark
    public String idempotencyKeyComputedFingerprint() {
        return IdempotencyKey.of(Category.GPU, withoutFingerprint);
    }

    @Benchmark
    public String labelFingerprint() {
        return AlertFingerprint.ofLabels(withFingerprint.labels());
    }
}
