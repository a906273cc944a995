package io.alertline.processor.notify.route;

import io.alertline.processor.notify.WebhookUrl;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code targets:} into a {@link TargetSpec}. Credentials come only from the
 * environment (the file names the variable), so a routes file can be committed and shown; a
 * variable that is unset or blank refuses start-up by name, never by value.
 */
final class TargetReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> WEBHOOK_KEYS = Set.of("name", "type", "template", "url_env");
    private static final Set<String> TELEGRAM_KEYS =
            Set.of("name", "type", "template", "bot_token_env", "chat_id", "chat_id_env", "api_url");
    private static final Map<String, String> HINTS = Map.of(
            "url", "a webhook URL is a secret: put it in an environment variable and name that with url_env",
            "bot_token", "a bot token is a secret: put it in an environment variable and name that with bot_token_env",
            "webhook_url", "name the environment variable holding the URL with url_env");

    private final Path folder;
    private final Function<String, String> env;
    private final String defaultTelegramApiUrl;

    TargetReader(Path routesFile, Function<String, String> env, String defaultTelegramApiUrl) {
        this.folder = routesFile.toAbsolutePath().getParent();
        this.env = env;
        this.defaultTelegramApiUrl = defaultTelegramApiUrl;
    }

    TargetSpec read(YamlMapping entry) {
        String name = entry.requiredText("name");
        if (!NAME.matcher(name).matches()) {
            throw entry.refuse(entry.get("name"), entry.what() + ": name '" + name
                    + "' must be letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        YamlMapping target = new YamlMapping(entry.file(), entry.node(), "target \"" + name + "\"");
        String typeId = target.requiredText("type");
        ChannelType type = ChannelType.fromId(typeId).orElseThrow(() -> target.refuse(target.get("type"),
                target.what() + " has the unknown type '" + typeId + "' (known: slack, discord, telegram)"));
        target.allowOnly(type == ChannelType.TELEGRAM ? TELEGRAM_KEYS : WEBHOOK_KEYS, HINTS);
        Path template = template(target);
        if (type != ChannelType.TELEGRAM) {
            String url = fromEnv(target, "url_env");
            requireHttpUrl(target, "url_env", url);
            return TargetSpec.webhook(name, type, url, template);
        }
        String token = fromEnv(target, "bot_token_env");
        String chatId = chatId(target);
        String apiUrl = target.optionalText("api_url");
        if (apiUrl == null) {
            apiUrl = defaultTelegramApiUrl;
        } else {
            requireHttpUrl(target, "api_url", apiUrl);
        }
        return TargetSpec.telegram(name, token, chatId, apiUrl, template);
    }

    private String chatId(YamlMapping target) {
        if (target.has("chat_id") == target.has("chat_id_env")) {
            throw target.refuse(target.node(), target.what() + " needs exactly one of chat_id and chat_id_env");
        }
        return target.has("chat_id") ? target.requiredText("chat_id") : fromEnv(target, "chat_id_env");
    }

    private String fromEnv(YamlMapping target, String key) {
        String variable = target.requiredText(key);
        if (!ENV_NAME.matcher(variable).matches()) {
            // do not echo it: this is where a pasted URL or token would end up
            throw target.refuse(target.get(key), target.what() + ": " + key
                    + " must be the name of an environment variable (letters, digits and _), not the value itself");
        }
        String value = env.apply(variable);
        if (value == null || value.isBlank()) {
            throw target.refuse(target.get(key), target.what() + ": environment variable "
                    + variable + " (" + key + ") is not set or blank",
                    "Set " + variable + " in the processor's environment (e.g. in .env), or correct " + key + ".");
        }
        return value.strip();
    }

    private static void requireHttpUrl(YamlMapping target, String key, String url) {
        boolean valid;
        try {
            valid = WebhookUrl.parse(target.what(), url) != null;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            String source = key.endsWith("_env") ? "the value of " + key : key;
            throw target.refuse(target.get(key), target.what() + ": " + source + " is not an absolute http(s) URL");
        }
    }

    /** Relative paths are resolved against the routes file's folder, as Alertmanager does for its templates. */
    private Path template(YamlMapping target) {
        String text = target.optionalText("template");
        if (text == null) {
            return null;
        }
        Path path;
        try {
            path = folder.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw target.refuse(target.get("template"), target.what() + ": template '" + text + "' is not a valid path");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw target.refuse(target.get("template"), target.what() + ": template " + path
                    + " does not exist, is not a file or is not readable");
        }
        return path;
    }
}
