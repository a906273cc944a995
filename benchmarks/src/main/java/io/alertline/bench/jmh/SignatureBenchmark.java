package io.alertline.bench.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.alertline.bench.Payloads;
import io.alertline.common.auth.HmacSignatureVerifier;
import io.alertline.common.auth.Verification;
import io.alertline.common.auth.WebhookSigner;
import io.alertline.common.record.RecordSigner;

/**
 * The ingest's per-request HMAC work: verifying {@code X-Signature} (with one active secret, and
 * with two during a rotation: every secret is always tried) and signing the Kafka record; the
 * processor verifies that record signature once per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
public class SignatureBenchmark {

    private static final String SECRET = "bench-secret-0123456789abcdef";
    private static final String OLD_SECRET = "bench-secret-old-0123456789abcdef";

    /** Alerts in the body: 1, 5 (about the mean of the load) and 10 (the load's largest). */
    @Param({"1", "5", "10"})
    public int alerts;

    private byte[] body;
    private String signature;
    private HmacSignatureVerifier oneSecret;
    private HmacSignatureVerifier twoSecrets;
    private RecordSigner recordSigner;
    private String recordSignature;

    @Setup
    public void setUp() {
        body = Payloads.body("jmh", 42, alerts).json();
        signature = WebhookSigner.xSignature(SECRET, body);
        oneSecret = new HmacSignatureVerifier(List.of(SECRET), Duration.ofMinutes(5), Clock.systemUTC());
        twoSecrets = new HmacSignatureVerifier(List.of(OLD_SECRET, SECRET), Duration.ofMinutes(5), Clock.systemUTC());
        recordSigner = new RecordSigner("bench-record-key-0123456789");
        recordSignature = recordSigner.sign("3f1c2a4e-0000-4000-8000-000000000042", 1_700_000_000_000L, "gpu", body);
        if (!oneSecret.verify(body, signature, null).valid() || !twoSecrets.verify(body, signature, null).valid()) {
            throw new IllegalStateException("signature setup is wrong");
        }
    }

    @Benchmark
    public Verification verifyXSignature() {
        return oneSecret.verify(body, signature, null);
    }

    @Benchmark
    public Verification verifyXSignatureTwoSecrets() {
        return twoSecrets.verify(body, signature, null);
    }

    @Benchmark
    public String signRecord() {
        return recordSigner.sign("3f1c2a4e-0000-4000-8000-000000000042", 1_700_000_000_000L, "gpu", body);
    }

    @Benchmark
    public boolean verifyRecord() {
        return recordSigner.verify("3f1c2a4e-0000-4000-8000-000000000042", 1_700_000_000_000L, "gpu", body,
                recordSignature);
    }
}
