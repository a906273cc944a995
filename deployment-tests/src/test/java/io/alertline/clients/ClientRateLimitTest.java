package io.alertline.clients;

import static io.alertline.clients.ClientProcesses.env;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import io.alertline.ingest.IngestApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.alertline.clients.ClientProcesses.Result;
import io.alertline.ingest.support.KafkaProperties;
import io.alertline.ingest.support.TestCredentials;
import tools.jackson.databind.JsonNode;

/**
 * Both clients over the limit: 2 requests per minute per address and endpoint, all from
 * 127.0.0.1. Each test uses its own endpoint, so each has its own budget; the limit refills one
 * request per 30 s, far longer than the few process starts a test takes.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WEBHOOK_SECRET=" + TestCredentials.HMAC_SECRET,
        "WEBHOOK_BEARER_TOKENS=" + TestCredentials.BEARER_TOKEN,
        "RECORD_SIGNING_KEY=" + TestCredentials.RECORD_SIGNING_KEY,
        "RATE_LIMIT_PER_MINUTE=2",
})
class ClientRateLimitTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaProperties.sharedBroker(registry);
    }

    @Value("${local.server.port}")
    int port;

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void pythonClientExitsOneOn429AndShowsTheAnswer() {
        for (int i = 0; i < 2; i++) {
            Result ok = ClientProcesses.python(env("WEBHOOK_SECRET", TestCredentials.HMAC_SECRET), "--url", url(),
                    "--endpoint", "warning", "--alert-name", "PyRate" + i);
            assertThat(ok.exitCode()).as("%s", ok).isZero();
        }

        Result json = ClientProcesses.python(env("WEBHOOK_SECRET", TestCredentials.HMAC_SECRET), "--url", url(),
                "--endpoint", "warning", "--alert-name", "PyRate3", "--json-output");
        assertThat(json.exitCode()).as("%s", json).isEqualTo(1);
        JsonNode out = StoredAlert.parse(json.stdout());
        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("status_code").asInt()).isEqualTo(429);
        assertThat(out.get("response").get("error").asString()).isEqualTo("Rate limit exceeded");
        assertThat(out.get("response").get("retry_after").asInt()).isBetween(1, 60);
        assertThat(out.get("rate_limit").get("limit").asString()).isEqualTo("2");
        assertThat(out.get("rate_limit").get("remaining").asString()).isEqualTo("0");
        assertThat(Integer.parseInt(out.get("rate_limit").get("retry_after").asString())).isBetween(1, 60);

        Result human = ClientProcesses.python(env("WEBHOOK_SECRET", TestCredentials.HMAC_SECRET), "--url", url(),
                "--endpoint", "warning", "--alert-name", "PyRate4");
        assertThat(human.exitCode()).as("%s", human).isEqualTo(1);
        assertThat(human.stderr()).contains("HTTP 429").contains("Retry-After:")
                .contains("\"error\":\"Rate limit exceeded\"").doesNotContain("Traceback");
    }

    @Test
    void shellFunctionReturnsOneOn429AndPrintsTheAnswer() {
        var env = env("WEBHOOK_URL", url(), "WEBHOOK_SECRET", TestCredentials.HMAC_SECRET);
        Result result = ClientProcesses.shell(env, """
                for i in 1 2 3; do
                  send_db_pool_warning openwebui "3$i/40"
                  echo "rc=$?"
                done
                """);
        assertThat(result.exitCode()).as("%s", result).isZero();
        var lines = result.stdout().lines().toList();
        assertThat(lines).as("%s", result).hasSize(6);
        assertThat(lines.get(0)).contains("\"status\":\"success\"");
        assertThat(lines.get(1)).isEqualTo("rc=0");
        assertThat(lines.get(2)).contains("\"status\":\"success\"");
        assertThat(lines.get(3)).isEqualTo("rc=0");
        JsonNode refused = StoredAlert.parse(lines.get(4));
        assertThat(refused.get("error").asString()).isEqualTo("Rate limit exceeded");
        assertThat(refused.get("retry_after").asInt()).isBetween(1, 60);
        assertThat(lines.get(5)).isEqualTo("rc=1");
        assertThat(result.stderr()).contains("answered HTTP 429");
    }
}
