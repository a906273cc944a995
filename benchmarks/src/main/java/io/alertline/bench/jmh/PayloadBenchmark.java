package io.alertline.bench.jmh;

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
import io.alertline.common.payload.PayloadParser;
import io.alertline.common.payload.WebhookPayload;

/**
 * Parse and validate one webhook body: the ingest does it once per request, the processor once
 * per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"})
public class PayloadBenchmark {

    @Param({"1", "5", "10"})
    public int alerts;

    private final PayloadParser parser = new PayloadParser();
    private byte[] body;

    @Setup
    public void setUp() {
        body = Payloads.body("jmh", 42, alerts).json();
        parser.parse(body); // fails here, not in the measurement, if the body is invalid
    }

    @Benchmark
    public WebhookPayload parseAndValidate() {
        return parser.parse(body);
    }
}
