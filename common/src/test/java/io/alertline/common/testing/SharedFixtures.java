package io.alertline.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds {@code ../shared/fixtures} (the repository's sibling) from any module's working directory. */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    public static Path alertmanager025() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures").resolve("alertmanager-0.25");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("../shared/fixtures/alertmanager-0.25 not found above " + Path.of("").toAbsolutePath());
    }

    /** The captured Alertmanager 0.25 bodies, byte for byte. */
    public static List<Path> alertmanagerBodies() {
        try (Stream<Path> files = Files.list(alertmanager025())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bearer token Alertmanager sent in the captured request headers. */
    public static String capturedBearerToken() {
        try {
            for (String line : Files.readAllLines(alertmanager025().resolve("am025-request-headers.txt"))) {
                if (line.startsWith("Authorization: Bearer ")) {
                    return line.substring("Authorization: Bearer ".length()).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no bearer token in am025-request-headers.txt");
    }

    public static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
