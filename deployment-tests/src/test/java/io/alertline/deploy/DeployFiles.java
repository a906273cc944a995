package io.alertline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reading the deployment files (docker-compose.yml, .env.example, Dockerfiles,
 * docs/alertmanager.yml) and the services' own configuration (application.yml, processor.yml
 * from the test classpath) for the checks in this package.
 */
final class DeployFiles {

    /** {@code ${NAME} or ${NAME:default}}: the environment variables a service reads. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern ENV_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern MEMORY = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmg]?)i?b?\\s*");

    private DeployFiles() {
    }

    /** The repository root: the nearest directory above the working directory with both service modules. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("ingest-service")) && Files.isDirectory(p.resolve("processor-service"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return fail("no repository root (with ingest-service/ and processor-service/) above " + dir);
    }

    static String read(Path file) {
        assertThat(file).as("deployment file").isRegularFile();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String text, String what) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return map(doc, what);
    }

    /**
     * A resource of the test classpath, from the one location whose URL contains {@code origin}
     * (several modules' resources are on the processor's test classpath).
     */
    static String classpathResource(String name, String origin) {
        List<URL> matches = new ArrayList<>();
        try {
            Enumeration<URL> all = DeployFiles.class.getClassLoader().getResources(name);
            for (URL url : Collections.list(all)) {
                if (url.toString().contains(origin)) {
                    matches.add(url);
                }
            }
            assertThat(matches).as("%s from %s on the test classpath", name, origin).hasSize(1);
            try (InputStream in = matches.get(0).openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ingest-service's application.yml and processor-service's processor.yml, as the services ship them. */
    static ServiceConfig serviceConfig() {
        return new ServiceConfig(
                placeholders(classpathResource("application.yml", "ingest-service"), "ingest application.yml"),
                placeholders(classpathResource("processor.yml", "processor-service"), "processor.yml"));
    }

    /**
     * Every {@code ${NAME:default}} of a configuration file: name to default ("" when none).
     * A name used twice must have the same default both times.
     */
    static Map<String, String> placeholders(String text, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String def = m.group(2) == null ? "" : m.group(2);
            String earlier = out.putIfAbsent(name, def);
            if (earlier != null) {
                assertThat(def).as("default of %s used twice in %s", name, what).isEqualTo(earlier);
            }
        }
        assertThat(out).as("placeholders of %s", what).isNotEmpty();
        return out;
    }

    /**
     * An env file as docker compose reads it, held to our own format: every {@code NAME=value}
     * line directly follows a one-line {@code # comment}, and no name is set twice.
     */
    static Map<String, String> envFile(String text, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        String previous = "";
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                previous = line;
                continue;
            }
            Matcher m = ENV_LINE.matcher(line);
            assertThat(m.matches()).as("%s line %d is NAME=value: %s", what, lineNo, line).isTrue();
            String name = m.group(1);
            assertThat(previous).as("%s line %d (%s) follows a one-line # comment", what, lineNo, name)
                    .startsWith("#").hasSizeGreaterThan(3);
            assertThat(out.put(name, unquote(m.group(2).strip()))).as("%s sets %s twice", what, name).isNull();
            previous = line;
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Compose memory values ("256m", "1g", "384MB", 268435456) in bytes. */
    static long bytes(Object value, String what) {
        assertThat(value).as(what).isNotNull();
        if (value instanceof Number n) {
            return n.longValue();
        }
        Matcher m = MEMORY.matcher(value.toString());
        assertThat(m.matches()).as("%s is a memory size: %s", what, value).isTrue();
        double number = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        return (long) (number * unit);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what + " is a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        assertThat(value).as(what + " is a list").isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /** A compose {@code environment:} in either form (mapping, or list of NAME=value) as a map. */
    static Map<String, String> environment(Object value, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
            return out;
        }
        map(value, what).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }

    /** A healthcheck's {@code test} (string or exec list) as one command line. */
    static String command(Object test, String what) {
        assertThat(test).as(what).isNotNull();
        if (test instanceof List<?> parts) {
            assertThat(parts).as(what).isNotEmpty();
            List<String> words = new ArrayList<>();
            for (Object p : parts) {
                words.add(String.valueOf(p));
            }
            assertThat(words.get(0)).as("%s starts with CMD or CMD-SHELL", what).isIn("CMD", "CMD-SHELL");
            return String.join(" ", words.subList(1, words.size()));
        }
        return test.toString();
    }

    /** The environment variables each service reads, with their defaults. */
    record ServiceConfig(Map<String, String> ingest, Map<String, String> processor) {

        Map<String, String> of(String service) {
            return switch (service) {
                case "ingest-service" -> ingest;
                case "processor-service" -> processor;
                default -> throw new IllegalArgumentException(service);
            };
        }

        /** Every variable of both services; a variable both read must have the same default in both. */
        Map<String, String> all() {
            Map<String, String> out = new LinkedHashMap<>(ingest);
            processor.forEach((name, def) -> {
                String other = out.putIfAbsent(name, def);
                if (other != null) {
                    assertThat(def).as("default of %s in processor.yml vs application.yml", name).isEqualTo(other);
                }
            });
            return out;
        }

        int port(String service) {
            String var = "ingest-service".equals(service) ? "INGEST_PORT" : "PROCESSOR_PORT";
            String def = of(service).get(var);
            assertThat(def).as("%s default in %s's configuration", var, service).isNotNull().matches("\\d+");
            return Integer.parseInt(def);
        }
    }
}
