package io.alertline.processor.notify.route;

import static io.alertline.processor.notify.route.NotificationRoutesTest.BOT_TOKEN;
import static io.alertline.processor.notify.route.NotificationRoutesTest.DISCORD_URL;
import static io.alertline.processor.notify.route.NotificationRoutesTest.SLACK_URL;
import static io.alertline.processor.notify.route.NotificationRoutesTest.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.alertline.common.boot.RefusedConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a routes file can be wrong refuses start-up naming file, line and entry, and never a secret. */
class NotificationRoutesValidationTest {

    static final String ROUTE_ALL = "routes:\n  - targets: [db-slack, ops-telegram, all-discord]\n";

    @TempDir
    Path dir;
    Path file;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void environment() {
        file = dir.resolve("routes.yml");
        env.put("SLACK_DB_WEBHOOK_URL", SLACK_URL);
        env.put("DISCORD_WEBHOOK_URL", DISCORD_URL);
        env.put("TELEGRAM_OPS_BOT_TOKEN", BOT_TOKEN);
    }

    RefusedConfigurationException refusal(String yaml) throws IOException {
        Files.writeString(file, yaml);
        return refusalOf(file);
    }

    String message(String yaml) throws IOException {
        return refusal(yaml).getMessage();
    }

    RefusedConfigurationException refusalOf(Path routesFile) {
        try {
            NotificationRoutes.load(routesFile, env::get, "https://api.telegram.org");
        } catch (RefusedConfigurationException e) {
            assertThat(e.getMessage()).startsWith("Notification routes file " + routesFile);
            assertThat(e.action()).isNotBlank();
            for (String secret : new String[] {SLACK_URL, DISCORD_URL, BOT_TOKEN, "dbSl4ckS3cret", "AAHt3l3gr4m"}) {
                assertThat(e.getMessage() + e.action()).doesNotContain(secret);
            }
            return e;
        }
        return fail("expected a refusal");
    }

    @Test
    void aMissingOrUnreadableFile() throws IOException {
        assertThat(refusalOf(dir.resolve("absent.yml")).getMessage()).endsWith("does not exist, is not a file or is not readable");
        assertThat(refusalOf(dir).getMessage()).contains("is not a file");
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, 'x'});
        assertThat(refusalOf(file).getMessage()).contains("is not UTF-8 text");
    }

    @Test
    void notYamlOrNotTheExpectedShape() throws IOException {
        assertThat(message("targets: [a, b\nroutes: []\n")).contains("is not valid YAML, line ");
        assertThat(message("")).contains("is empty");
        assertThat(message("- a\n- b\n")).contains("line 1: the file must be a mapping");
        assertThat(message(TARGETS + ROUTE_ALL + "receivers: []\n"))
                .contains("line 14: the file has the unknown key 'receivers' (allowed keys: ");
        assertThat(message(TARGETS + ROUTE_ALL + "routes: []\n")).contains("has the key 'routes' twice");
        assertThat(message(TARGETS)).contains("line 1: the file needs a non-empty routes: list");
        assertThat(message(TARGETS + "routes: []\n")).contains("line 12: the file needs a non-empty routes: list");
        assertThat(message("targets: []\n" + ROUTE_ALL)).contains("the file needs a non-empty targets: list");
        assertThat(message(TARGETS + "routes: all\n")).contains("routes must be a list");
    }

    @Test
    void badTargets() throws IOException {
        assertThat(message(TARGETS.replace("    url_env: SLACK_DB_WEBHOOK_URL", "    url_env: SLACK_DB_WEBHOOK_URL\n    colour: red")
                + ROUTE_ALL)).contains("line 5: target \"db-slack\" has the unknown key 'colour' (allowed keys: ");
        assertThat(message(TARGETS.replace("  - name: ops-telegram\n", "  - nam: ops-telegram\n") + ROUTE_ALL))
                .contains("line 5: target 2 lacks the key 'name'");
        assertThat(message(TARGETS.replace("all-discord", "db-slack") + "routes:\n  - targets: [db-slack]\n"))
                .contains("line 9: the target name \"db-slack\" is used twice");
        assertThat(message(TARGETS.replace("type: discord", "type: teams") + ROUTE_ALL))
                .contains("line 10: target \"all-discord\" has the unknown type 'teams' (known: slack, discord, telegram)");
        assertThat(message(TARGETS.replace("name: db-slack", "name: db slack!") + ROUTE_ALL))
                .contains("line 2: target 1: name 'db slack!' must be letters, digits");
        assertThat(message(TARGETS.replace("    chat_id: \"-100123456\"\n", "") + ROUTE_ALL))
                .contains("target \"ops-telegram\" needs exactly one of chat_id and chat_id_env");
        assertThat(message(TARGETS.replace("chat_id: \"-100123456\"", "chat_id: 1\n    chat_id_env: X") + ROUTE_ALL))
                .contains("needs exactly one of chat_id and chat_id_env");
        assertThat(message(TARGETS.replace("chat_id: \"-100123456\"", "chat_id: \"\"") + ROUTE_ALL))
                .contains("line 8: target \"ops-telegram\": chat_id must be a non-empty text");
        assertThat(message(TARGETS.replace("chat_id: \"-100123456\"", "chat_id: 1\n    api_url: ftp://x") + ROUTE_ALL))
                .contains("line 9: target \"ops-telegram\": api_url is not an absolute http(s) URL");
    }

    @Test
    void secretsBelongInTheEnvironmentAndAreNamedNeverShown() throws IOException {
        String inFile = message(TARGETS.replace("url_env: SLACK_DB_WEBHOOK_URL", "url: " + SLACK_URL) + ROUTE_ALL);
        assertThat(inFile).contains("line 4: target \"db-slack\" has the unknown key 'url' (a webhook URL is a secret");

        String pasted = message(TARGETS.replace("url_env: SLACK_DB_WEBHOOK_URL", "url_env: " + SLACK_URL) + ROUTE_ALL);
        assertThat(pasted).contains("line 4: target \"db-slack\": url_env must be the name of an environment variable");

        env.remove("SLACK_DB_WEBHOOK_URL");
        RefusedConfigurationException unset = refusal(TARGETS + ROUTE_ALL);
        assertThat(unset.getMessage())
                .contains("line 4: target \"db-slack\": environment variable SLACK_DB_WEBHOOK_URL (url_env) is not set or blank");
        assertThat(unset.action()).startsWith("Set SLACK_DB_WEBHOOK_URL in the processor's environment");

        env.put("TELEGRAM_OPS_BOT_TOKEN", "   ");
        env.put("SLACK_DB_WEBHOOK_URL", SLACK_URL);
        assertThat(message(TARGETS + ROUTE_ALL))
                .contains("line 7: target \"ops-telegram\": environment variable TELEGRAM_OPS_BOT_TOKEN (bot_token_env) is not set");

        env.put("TELEGRAM_OPS_BOT_TOKEN", BOT_TOKEN);
        env.put("DISCORD_WEBHOOK_URL", "discord.com/api/webhooks/42/d1sc0rdS3cretW3bh00kT0kenPart");
        assertThat(message(TARGETS + ROUTE_ALL))
                .contains("line 11: target \"all-discord\": the value of url_env is not an absolute http(s) URL")
                .doesNotContain("d1sc0rdS3cret");
    }

    @Test
    void badRoutes() throws IOException {
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack, nope]\n"))
                .contains("line 13: route 1 names the unknown target \"nope\" (defined: db-slack, ops-telegram, all-discord)");
        assertThat(message(TARGETS + "routes:\n  - matchers: ['team=\"db\"']\n"))
                .contains("line 13: route 1 names no targets");
        assertThat(message(TARGETS + "routes:\n  - matchers: ['team=\"db\"']\n    targets: []\n"))
                .contains("route 1 names no targets");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack, db-slack]\n"))
                .contains("route 1 names the target \"db-slack\" twice");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n  - match: {team: db}\n    targets: [db-slack]\n"))
                .contains("line 14: route 2 has the unknown key 'match' (Alertmanager's deprecated match");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n    continue: maybe\n"))
                .contains("line 14: route 1: continue must be true or false");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n    matchers: team=db\n"))
                .contains("route 1: matchers must be a list");
    }

    @Test
    void badMatchersAreNamedWithTheirLine() throws IOException {
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n    matchers:\n      - 'team=\"db\"'\n      - 'team'\n"))
                .contains("line 16: route 1: matcher team: bad format");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n    matchers: ['severity=~\"(crit\"']\n"))
                .contains("line 14: route 1: matcher severity=~\"(crit\": invalid regular expression");
        assertThat(message(TARGETS + "routes:\n  - targets: [db-slack]\n    matchers: ['']\n"))
                .contains("line 14: route 1: a matcher (omit matchers: to match every alert) must be a non-empty text");
    }

    @Test
    void templatesMustBeReadableFilesAndRelativePathsStartAtTheRoutesFolder() throws IOException {
        String withTemplate = TARGETS.replace("    url_env: DISCORD_WEBHOOK_URL", "    url_env: DISCORD_WEBHOOK_URL\n    template: %s");
        assertThat(message(withTemplate.formatted("templates/missing.mustache") + ROUTE_ALL))
                .contains("line 12: target \"all-discord\": template " + dir.resolve("templates/missing.mustache")
                        + " does not exist, is not a file or is not readable");
        assertThat(message(withTemplate.formatted(dir) + ROUTE_ALL)).contains("template " + dir + " does not");

        Path template = Files.writeString(dir.resolve("discord.mustache"), "{{title}}", StandardCharsets.UTF_8);
        Files.writeString(file, withTemplate.formatted("./sub/../discord.mustache") + ROUTE_ALL);
        assertThat(NotificationRoutes.load(file, env::get, "https://api.telegram.org").target("all-discord"))
                .map(TargetSpec::template).contains(template);
    }
}
