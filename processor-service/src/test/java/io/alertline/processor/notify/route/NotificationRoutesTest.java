package io.alertline.processor.notify.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationRoutesTest {

    static final String SLACK_URL = "https://hooks.slack.com/services/T0DB/B0DB/dbSl4ckS3cretW3bh00kPart";
    static final String DISCORD_URL = "https://discord.com/api/webhooks/42/d1sc0rdS3cretW3bh00kT0kenPart";
    static final String BOT_TOKEN = "123456789:AAHt3l3gr4mB0tT0kenS3cret_abcdef";
    static final String TELEGRAM_API = "https://api.telegram.org";

    static final String TARGETS = """
            targets:
              - name: db-slack
                type: slack
                url_env: SLACK_DB_WEBHOOK_URL
              - name: ops-telegram
                type: telegram
                bot_token_env: TELEGRAM_OPS_BOT_TOKEN
                chat_id: "-100123456"
              - name: all-discord
                type: discord
                url_env: DISCORD_WEBHOOK_URL
            """;

    // the example of the README's "Notification routes" section, verbatim
    static final String README_EXAMPLE = """
            targets:
              - name: db-slack
                type: slack
                url_env: SLACK_DB_WEBHOOK_URL        # the URL is a secret: it comes from the environment
                template: templates/db-slack.mustache  # optional; relative to this file's folder
              - name: ops-telegram
                type: telegram
                bot_token_env: TELEGRAM_OPS_BOT_TOKEN
                chat_id: "-100123456"                # or chat_id_env: VARIABLE
              - name: all-discord
                type: discord
                url_env: DISCORD_WEBHOOK_URL
            routes:
              - matchers: ['team="db"']
                targets: [db-slack]
                continue: true                       # also try the routes below
              - matchers: ['severity=~"critical|page"']
                targets: [ops-telegram, all-discord]
              - targets: [all-discord]               # no matchers: every alert not taken above
            """;

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

    NotificationRoutes load(String yaml) throws IOException {
        Files.writeString(file, yaml);
        return NotificationRoutes.load(file, env::get, TELEGRAM_API);
    }

    static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    @Test
    void routesByTeamAndSeverityReachTheRightTargetsAndNoOthers() throws IOException {
        NotificationRoutes routes = load(TARGETS + """
                routes:
                  - matchers: ['team="db"']
                    targets: [db-slack]
                  - matchers: ['severity=~"critical|page"']
                    targets: [ops-telegram, all-discord]
                """);

        assertThat(routes.targetsFor(labels("team", "db", "severity", "warning"))).containsExactly("db-slack");
        assertThat(routes.targetsFor(labels("team", "web", "severity", "critical")))
                .containsExactly("ops-telegram", "all-discord");
        assertThat(routes.targetsFor(labels("severity", "page"))).containsExactly("ops-telegram", "all-discord");
        // first match wins: the db route takes a critical db alert alone
        assertThat(routes.targetsFor(labels("team", "db", "severity", "critical"))).containsExactly("db-slack");
        // anchored regex, and nothing matching goes nowhere
        assertThat(routes.targetsFor(labels("team", "dba", "severity", "critical-ish"))).isEmpty();
        assertThat(routes.targetsFor(Map.of())).isEmpty();
        assertThat(routes.targetsFor(null)).isEmpty();
        assertThat(routes.warnings()).containsExactly("Notification routes file " + file
                + ": no route without matchers ends the list, so an alert that matches no route is sent to no target");
    }

    @Test
    void continueGoesOnMatchingAndTargetsAreDistinctInFirstSeenOrder() throws IOException {
        NotificationRoutes routes = load(TARGETS + """
                routes:
                  - matchers: ['team="db"']
                    targets: [db-slack, all-discord]
                    continue: true
                  - matchers: ['severity=~"critical|page"']
                    targets: [ops-telegram, all-discord]
                  - targets: [all-discord]
                """);

        assertThat(routes.targetsFor(labels("team", "db", "severity", "critical")))
                .containsExactly("db-slack", "all-discord", "ops-telegram");
        assertThat(routes.targetsFor(labels("team", "db"))).containsExactly("db-slack", "all-discord");
        assertThat(routes.targetsFor(labels("severity", "page"))).containsExactly("ops-telegram", "all-discord");
        assertThat(routes.targetsFor(labels("team", "web"))).containsExactly("all-discord");
        assertThat(routes.routes()).extracting(Route::continueMatching).containsExactly(true, false, false);
        assertThat(routes.routes()).extracting(Route::line).containsExactly(13, 16, 18);
        assertThat(routes.warnings()).isEmpty();
    }

    @Test
    void allMatchersOfARouteMustMatchAndOneEntryMayHoldSeveral() throws IOException {
        NotificationRoutes routes = load(TARGETS + """
                routes:
                  - matchers: ['team="db", env!="dev"', 'severity!~"info|none"']
                    targets: [db-slack]
                """);

        assertThat(routes.routes().get(0).matchers()).hasSize(3);
        assertThat(routes.targetsFor(labels("team", "db", "env", "prod", "severity", "critical"))).containsExactly("db-slack");
        assertThat(routes.targetsFor(labels("team", "db", "severity", "critical"))).containsExactly("db-slack");
        assertThat(routes.targetsFor(labels("team", "db", "env", "dev", "severity", "critical"))).isEmpty();
        assertThat(routes.targetsFor(labels("team", "db", "severity", "info"))).isEmpty();
    }

    @Test
    void targetsAreReadInFileOrderWithSecretsFromTheEnvironment() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Path template = Files.writeString(templates.resolve("db.mustache"), "{{title}}");
        env.put("OPS_CHAT", " @ops_channel ");
        NotificationRoutes routes = load("""
                targets:
                  - name: db-slack
                    type: slack
                    url_env: SLACK_DB_WEBHOOK_URL
                    template: templates/db.mustache
                  - name: ops-telegram
                    type: telegram
                    bot_token_env: TELEGRAM_OPS_BOT_TOKEN
                    chat_id: -100123456
                  - name: ops.telegram_2
                    type: telegram
                    bot_token_env: TELEGRAM_OPS_BOT_TOKEN
                    chat_id_env: OPS_CHAT
                    api_url: http://127.0.0.1:18099
                routes:
                  - targets: [db-slack, ops-telegram, ops.telegram_2]
                """);

        assertThat(routes.targets()).containsExactly(
                TargetSpec.webhook("db-slack", ChannelType.SLACK, SLACK_URL, template.toAbsolutePath().normalize()),
                TargetSpec.telegram("ops-telegram", BOT_TOKEN, "-100123456", TELEGRAM_API, null),
                TargetSpec.telegram("ops.telegram_2", BOT_TOKEN, "@ops_channel", "http://127.0.0.1:18099", null));
        assertThat(routes.target("ops-telegram")).map(TargetSpec::chatId).contains("-100123456");
        assertThat(routes.target("nope")).isEmpty();
    }

    @Test
    void unusedTargetsAndUnreachableRoutesAreWarningsNotRefusals() throws IOException {
        NotificationRoutes routes = load(TARGETS + """
                routes:
                  - targets: [db-slack]
                  - matchers: ['team="web"']
                    targets: [all-discord]
                """);

        assertThat(routes.warnings()).containsExactly(
                "Notification routes file " + file + ": target \"ops-telegram\" is used by no route",
                "Notification routes file " + file + ": route 1 (line 13) matches every alert and does not "
                        + "continue, so the routes after it are never reached");
        assertThat(routes.targetsFor(labels("team", "web"))).containsExactly("db-slack");
    }

    @Test
    void theReadmeExampleLoadsAndRoutesAsDescribed() throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/db-slack.mustache"), "{{title}}");
        NotificationRoutes routes = load(README_EXAMPLE);

        assertThat(routes.targets()).extracting(TargetSpec::name).containsExactly("db-slack", "ops-telegram", "all-discord");
        assertThat(routes.targetsFor(labels("team", "db", "severity", "critical")))
                .containsExactly("db-slack", "ops-telegram", "all-discord");
        assertThat(routes.targetsFor(labels("team", "db", "severity", "warning"))).containsExactly("db-slack", "all-discord");
        assertThat(routes.targetsFor(labels("severity", "page"))).containsExactly("ops-telegram", "all-discord");
        assertThat(routes.targetsFor(labels("team", "web"))).containsExactly("all-discord");
        assertThat(routes.warnings()).isEmpty();
    }

    @Test
    void defaultsSendEveryAlertToEveryGivenTarget() {
        List<TargetSpec> targets = List.of(
                TargetSpec.webhook("discord", ChannelType.DISCORD, DISCORD_URL, null),
                TargetSpec.webhook("slack", ChannelType.SLACK, null, null),
                TargetSpec.telegram("telegram", BOT_TOKEN, "42", TELEGRAM_API, null));

        NotificationRoutes routes = NotificationRoutes.defaults(targets);

        assertThat(routes.targets()).isEqualTo(targets);
        assertThat(routes.targetsFor(labels("team", "db"))).containsExactly("discord", "slack", "telegram");
        assertThat(routes.targetsFor(Map.of())).containsExactly("discord", "slack", "telegram");
        assertThat(routes.warnings()).isEmpty();
        assertThat(NotificationRoutes.defaults(List.of()).targetsFor(labels("team", "db"))).isEmpty();
    }

    @Test
    void targetToStringNeverPrintsUrlOrToken() {
        String slack = TargetSpec.webhook("db-slack", ChannelType.SLACK, SLACK_URL, null).toString();
        String telegram = TargetSpec.telegram("ops", BOT_TOKEN, "-100", TELEGRAM_API, null).toString();

        assertThat(slack).contains("db-slack", "slack", "url=<redacted>").doesNotContain(SLACK_URL, "dbSl4ckS3cret");
        assertThat(telegram).contains("ops", "chatId=-100", "botToken=<redacted>").doesNotContain(BOT_TOKEN);
        assertThat(TargetSpec.webhook("slack", ChannelType.SLACK, null, null).toString()).contains("url=null");
    }
}
