package io.alertline.bench.tool;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                values.put(a.substring(2), "true");
            } else {
                values.put(a.substring(2), args[++i]);
            }
        }
    }

    String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
