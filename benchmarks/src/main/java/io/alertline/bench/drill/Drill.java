package io.alertline.bench.drill;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Entry point of scripts/failover-drill.sh's Java half:
 * <pre>
 *   Drill load   --base URL --rate REQ_PER_S --seconds S --critical-every N --run ID --out FILE   (WEBHOOK_SECRET)
 *   Drill verify --bootstrap HOSTS --prefix P --results FILE --events FILE --recovery-runs FILE
 *                --slack-log FILE --wait S
 *   Drill fill-outcomes --bootstrap HOSTS --topic T --count N --templates FILE   (outcome index catch-up)
 * </pre>
 */
public final class Drill {

    private Drill() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i + 1 < argv.length; i += 2) {
            a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        int code = switch (argv.length == 0 ? "" : argv[0]) {
            case "load" -> DrillLoad.run(a.get("base"), secret(), Double.parseDouble(a.get("rate")),
                    Double.parseDouble(a.get("seconds")), Integer.parseInt(a.getOrDefault("critical-every", "50")),
                    a.get("run"), Path.of(a.get("out")));
            case "verify" -> DrillVerify.run(a.get("bootstrap"), a.getOrDefault("prefix", "alerts"),
                    Path.of(a.get("results")), Path.of(a.get("events")), Path.of(a.get("recovery-runs")),
                    Path.of(a.get("slack-log")), Long.parseLong(a.getOrDefault("wait", "120")));
            case "fill-outcomes" -> OutcomeFill.run(a.get("bootstrap"), a.get("topic"),
                    Long.parseLong(a.get("count")), Path.of(a.get("templates")));
            default -> {
                System.err.println("usage: Drill load|verify [--options] (see the class comment)");
                yield 2;
            }
        };
        System.exit(code);
    }

    private static String secret() {
        String secret = System.getenv("WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("WEBHOOK_SECRET is not set");
        }
        return secret.split(",")[0].trim();
    }
}
