package io.alertline.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertline.processor.notify.Delivery.Result;
import io.alertline.processor.notify.discord.DiscordNotifier;
import io.alertline.processor.notify.slack.SlackNotifier;
import io.alertline.processor.notify.telegram.TelegramNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What every channel promises, checked against a real HTTP server for each of the three. */
class NotifierContractTest {

    static final String SLACK_PATH = "/services/T0ALERTLN/B0ALERTLN/sl4ckW3bh00kS3cretPart000";
    static final String DISCORD_TOKEN = "d1sc0rdW3bh00kT0ken-abcdefghijklmnopqrstuvwxyz_0123456789ABCDEFGHIJ";
    static final String DISCORD_PATH = "/api/webhooks/112233445566778899/" + DISCORD_TOKEN;
    static final String TELEGRAM_TOKEN = "123456789:AAHt3l3gr4mB0tT0kenS3cret_abcdefghij";
    static final String TELEGRAM_PATH = "/bot" + TELEGRAM_TOKEN + "/sendMessage";

    enum Channel {
        SLACK(SLACK_PATH, (base, t) -> new SlackNotifier(base + SLACK_PATH, TestAlerts.http(), t)),
        DISCORD(DISCORD_PATH, (base, t) -> new DiscordNotifier(base + DISCORD_PATH, TestAlerts.http(), t)),
        TELEGRAM(TELEGRAM_PATH, (base, t) -> new TelegramNotifier(base, TELEGRAM_TOKEN, "-1001234", TestAlerts.http(), t));

        final String path;
        final BiFunction<String, Duration, Notifier> factory;

        Channel(String path, BiFunction<String, Duration, Notifier> factory) {
            this.path = path;
            this.factory = factory;
        }

        /** Everything that must never show up in a detail. */
        List<String> secrets(String base) {
            return List.of(base + path, path, DISCORD_TOKEN, TELEGRAM_TOKEN, "sl4ckW3bh00kS3cretPart000");
        }
    }

    FakeChatServer server;

    @BeforeEach
    void start() {
        server = FakeChatServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Notifier notifier(Channel channel) {
        return channel.factory.apply(server.url(""), TestAlerts.TIMEOUT);
    }

    void assertSecretFree(Channel channel, String base, Delivery delivery) {
        assertThat(delivery.detail()).isNotBlank();
        for (String secret : channel.secrets(base)) {
            assertThat(delivery.detail()).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void configuredChannelSendsOneRequestAndIsDelivered(Channel channel) {
        Notifier notifier = notifier(channel);

        Delivery delivery = notifier.send(GroupMessage.single(TestAlerts.warning()));

        assertThat(notifier.configured()).isTrue();
        assertThat(notifier.channel()).isEqualTo(channel.name().toLowerCase());
        assertThat(delivery.result()).isEqualTo(Result.DELIVERED);
        assertThat(delivery.httpStatus()).isEqualTo(200);
        assertThat(delivery.retryAfter()).isNull();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(channel.path);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.body()).doesNotContainIgnoringCase("null");
        });
        assertSecretFree(channel, server.url(""), delivery);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void noBidiOverrideOrInvisibleCharacterReachesTheChat(Channel channel) {
        // after a right-to-left override the rest of a line renders reversed ("exe.txt" reads "txt.exe")
        AlertMessage m = new AlertMessage("Disk\u202EFull", "warning", "on evil\u202Etxt.exe\u200B", "zero\u2066width",
                "ollama", "warning", "gpu\u200F-server", "firing", TestAlerts.STARTS_AT, "req-bidi");

        assertThat(notifier(channel).send(GroupMessage.single(m)).result()).isEqualTo(Result.DELIVERED);

        String body = server.requests().get(0).body();
        assertThat(body).contains("evil").doesNotContain("\u202E", "\u200B", "\u2066", "\u200F")
                .doesNotContainIgnoringCase("\\u202e").doesNotContainIgnoringCase("\\u200b");
    }

    static Stream<Arguments> statuses() {
        List<Arguments> all = new ArrayList<>();
        for (Channel c : Channel.values()) {
            for (int status : new int[] {200, 204}) {
                all.add(Arguments.of(c, status, Result.DELIVERED));
            }
            for (int status : new int[] {429, 500, 502, 503}) {
                all.add(Arguments.of(c, status, Result.RETRYABLE));
            }
            for (int status : new int[] {400, 401, 403, 404, 410}) {
                all.add(Arguments.of(c, status, Result.FINAL));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} HTTP {1} -> {2}")
    @MethodSource("statuses")
    void statusDecidesTheResultAndDetailNeverEchoesTheSecret(Channel channel, int status, Result expected) {
        String base = server.url("");
        // a proxy-style error page that quotes the request URL and path back at us
        server.enqueue(status, Map.of(), "Cannot POST " + channel.path + " (" + base + channel.path + ")");

        Delivery delivery = notifier(channel).send(GroupMessage.single(TestAlerts.warning()));

        assertThat(delivery.result()).isEqualTo(expected);
        assertThat(delivery.httpStatus()).isEqualTo(status);
        assertThat(delivery.detail()).contains(String.valueOf(status));
        assertSecretFree(channel, base, delivery);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void retryAfterHeaderInSecondsIsReported(Channel channel) {
        server.enqueue(429, Map.of("Retry-After", "3"), "slow down");

        Delivery delivery = notifier(channel).send(GroupMessage.single(TestAlerts.warning()));

        assertThat(delivery.result()).isEqualTo(Result.RETRYABLE);
        assertThat(delivery.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void discordStyleBodyRetryAfterIsFractionalSeconds(Channel channel) {
        server.enqueue(429, Map.of("Content-Type", "application/json"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}");

        Delivery delivery = notifier(channel).send(GroupMessage.single(TestAlerts.warning()));

        assertThat(delivery.result()).isEqualTo(Result.RETRYABLE);
        assertThat(delivery.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void telegramStyleBodyRetryAfterIsRead(Channel channel) {
        server.enqueue(429, Map.of("Content-Type", "application/json"),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}");

        Delivery delivery = notifier(channel).send(GroupMessage.single(TestAlerts.warning()));

        assertThat(delivery.result()).isEqualTo(Result.RETRYABLE);
        assertThat(delivery.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(delivery.detail()).contains("Too Many Requests");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void refusedConnectionIsRetryableAndSecretFree(Channel channel) {
        String base = FakeChatServer.refusingUrl("");
        Notifier notifier = channel.factory.apply(base, TestAlerts.TIMEOUT);

        Delivery delivery = notifier.send(GroupMessage.single(TestAlerts.warning()));

        assertThat(delivery.result()).isEqualTo(Result.RETRYABLE);
        assertThat(delivery.httpStatus()).isZero();
        assertSecretFree(channel, base, delivery);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void serverSlowerThanTheTimeoutIsRetryableAndReturnsInTime(Channel channel) {
        server.hangFor(Duration.ofSeconds(5));
        Notifier notifier = channel.factory.apply(server.url(""), Duration.ofMillis(300));

        long started = System.nanoTime();
        Delivery delivery = notifier.send(GroupMessage.single(TestAlerts.warning()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(delivery.result()).isEqualTo(Result.RETRYABLE);
        assertThat(delivery.httpStatus()).isZero();
        assertThat(delivery.detail()).containsIgnoringCase("timed out");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(server.requests()).hasSize(1);
        assertSecretFree(channel, server.url(""), delivery);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void sendNeverThrowsEvenForANullMessage(Channel channel) {
        Delivery delivery = notifier(channel).send((GroupMessage) null);

        assertThat(delivery.result()).isEqualTo(Result.FINAL);
        assertThat(server.requests()).isEmpty();
        assertSecretFree(channel, server.url(""), delivery);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void notConfiguredChannelSaysSoAndSendsNothing(Channel channel) {
        Notifier notifier = switch (channel) {
            case SLACK -> new SlackNotifier(null, TestAlerts.http(), TestAlerts.TIMEOUT);
            case DISCORD -> new DiscordNotifier("  ", TestAlerts.http(), TestAlerts.TIMEOUT);
            case TELEGRAM -> new TelegramNotifier(server.url(""), null, "-1001234", TestAlerts.http(), TestAlerts.TIMEOUT);
        };

        Delivery delivery = notifier.send(GroupMessage.single(TestAlerts.warning()));

        assertThat(notifier.configured()).isFalse();
        assertThat(delivery.result()).isEqualTo(Result.FINAL);
        assertThat(delivery.detail()).contains("not configured");
        assertThat(server.requests()).isEmpty();
    }
}
