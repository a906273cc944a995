package io.alertline.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.alertline.common.boot.InsecureConfigurationException;
import io.alertline.processor.ProcessorApplication;
import io.alertline.processor.support.Apps;

/**
 * The processor's start-up refusals: an API open beyond loopback without PROCESSOR_API_TOKEN, and
 * a missing or short RECORD_SIGNING_KEY. Each ends start-up with Boot's short failure report
 * naming the variable (never a value), before anything listens.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExposurePolicyTest {

    private CapturedOutput output;

    @BeforeEach
    void output(CapturedOutput output) {
        this.output = output;
    }

    private static final String TOKEN = "a-processor-api-token-0123456789";

    @Test
    void anApiBeyondLoopbackWithoutATokenIsRefused() {
        for (String address : new String[] {"0.0.0.0", "::", "", null, "192.0.2.10"}) {
            assertThatThrownBy(() -> ExposurePolicy.checkApi(address, ""))
                    .as("bind address %s", address)
                    .isInstanceOf(InsecureConfigurationException.class)
                    .hasMessageContaining("PROCESSOR_API_TOKEN")
                    .hasMessageContaining("PROCESSOR_BIND_ADDRESS")
                    .satisfies(e -> assertThat(((InsecureConfigurationException) e).action())
                            .contains("PROCESSOR_API_TOKEN"));
        }
    }

    @Test
    void loopbackMayStayOpenAndAnyAddressIsFineWithAToken() {
        for (String address : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            assertThatCode(() -> ExposurePolicy.checkApi(address, null)).as(address).doesNotThrowAnyException();
        }
        assertThatCode(() -> ExposurePolicy.checkApi("0.0.0.0", TOKEN)).doesNotThrowAnyException();
    }

    @Test
    void theProcessorRefusesToStartOnEveryInterfaceWithoutATokenWithAReadableReport() {
        String report = refusedStart("--PROCESSOR_BIND_ADDRESS=0.0.0.0", "--RECORD_SIGNING_KEY=" + Apps.RECORD_SIGNING_KEY);
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("Refusing to start: the processor's API would listen on every interface "
                        + "(PROCESSOR_BIND_ADDRESS) without PROCESSOR_API_TOKEN")
                .contains("Action:")
                .contains("Set PROCESSOR_API_TOKEN")
                .doesNotContain(Apps.RECORD_SIGNING_KEY);
    }

    @Test
    void aShortRecordSigningKeyGetsTheSameReadableReportWithoutItsValue() {
        String report = refusedStart("--RECORD_SIGNING_KEY=short-key-42");
        assertThat(report)
                .contains("APPLICATION FAILED TO START")
                .contains("Refusing to start: RECORD_SIGNING_KEY is shorter than 16 characters")
                .contains("Set RECORD_SIGNING_KEY to the same value as the ingest's")
                .doesNotContain("short-key-42");
    }

    /** Starts the processor expecting a refusal; returns what it wrote to the console (Boot's failure report). */
    private String refusedStart(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--server.port=0", "--PROCESSOR_API_TOKEN=",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1"));
        all.addAll(List.of(args));
        SpringApplication app = ProcessorApplication.application();
        int before = output.getAll().length();
        assertThatThrownBy(() -> app.run(all.toArray(String[]::new))).satisfies(e -> {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof InsecureConfigurationException)) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(InsecureConfigurationException.class);
        });
        return output.getAll().substring(before);
    }
}
