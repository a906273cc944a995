package io.alertline.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bodies and headers Alertmanager 0.25 really sent, captured byte for byte, kept in this
 * module's test resources ({@code fixtures/alertmanager-0.25/}) so a plain clone builds. Read
 * from the classpath, which also works for the other modules through the test-jar.
 */
public final class AlertmanagerFixtures {

    private static final String DIR = "fixtures/alertmanager-0.25/";

    /** The captured bodies (listed here: a directory inside a jar cannot be listed portably). */
    private static final List<String> BODIES = List.of("am025-firing-gpu.json", "am025-from-prometheus-ai.json",
            "am025-mixed-truncated-database.json", "am025-resolved-gpu.json");

    private AlertmanagerFixtures() {
    }

    /** The names of the captured Alertmanager 0.25 bodies, for {@link #read}. */
    public static List<String> bodies() {
        return BODIES;
    }

    /** One captured file, byte for byte. */
    public static byte[] read(String name) {
        try (InputStream in = AlertmanagerFixtures.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + DIR + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bearer token Alertmanager sent in the captured request headers. */
    public static String capturedBearerToken() {
        for (String line : new String(read("am025-request-headers.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("Authorization: Bearer ")) {
                return line.substring("Authorization: Bearer ".length()).trim();
            }
        }
        throw new IllegalStateException("no bearer token in am025-request-headers.txt");
    }
}
