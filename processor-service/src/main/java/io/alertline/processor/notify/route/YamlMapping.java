package io.alertline.processor.notify.route;

import io.alertline.common.boot.RefusedConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the routes file (the top level, a target, a route), read through
 * SnakeYAML's node API so that every refusal can name the file and line. Messages quote keys,
 * target names, types and matchers, never the value of a setting that could hold a credential
 * (a URL pasted into {@code url_env}, an environment variable's value).
 */
final class YamlMapping {

    static final String ACTION = "Correct the notification routes file (format: README, \"Notification routes\"), "
            + "or remove the routes file setting to use the single default route.";

    private final Path file;
    private final Node node;
    private final String what;
    private final Map<String, Node> entries = new LinkedHashMap<>();

    /** @param what how messages name this mapping, e.g. {@code target "db-slack"} or {@code route 2} */
    YamlMapping(Path file, Node node, String what) {
        this.file = file;
        this.node = node;
        this.what = what;
        if (!(node instanceof MappingNode mapping)) {
            throw refuse(node, what + " must be a mapping of key: value lines");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw refuse(tuple.getKeyNode(), what + " has a key that is not a plain word");
            }
            if (entries.put(key.getValue(), tuple.getValueNode()) != null) {
                throw refuse(key, what + " has the key '" + key.getValue() + "' twice");
            }
        }
    }

    static RefusedConfigurationException refuse(Path file, Node at, String message, String action) {
        String line = at == null ? "" : ", line " + (at.getStartMark().getLine() + 1);
        return new RefusedConfigurationException("Notification routes file " + file + line + ": " + message, action);
    }

    RefusedConfigurationException refuse(Node at, String message) {
        return refuse(file, at, message, ACTION);
    }

    RefusedConfigurationException refuse(Node at, String message, String action) {
        return refuse(file, at, message, action);
    }

    Path file() {
        return file;
    }

    String what() {
        return what;
    }

    Node node() {
        return node;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** Refuses the first key not in {@code allowed}; {@code hints} explain keys people are likely to try. */
    void allowOnly(Set<String> allowed, Map<String, String> hints) {
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                String hint = hints.getOrDefault(key, "allowed keys: " + String.join(", ", allowed));
                throw refuse(entry.getValue(), what + " has the unknown key '" + key + "' (" + hint + ")");
            }
        }
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Node get(String key) {
        return entries.get(key);
    }

    /** The key's text value, or null when the key is absent; refuses null, blank and non-text values. */
    String optionalText(String key) {
        Node value = entries.get(key);
        if (value == null) {
            return null;
        }
        return text(value, what + ": " + key);
    }

    String requiredText(String key) {
        String value = optionalText(key);
        if (value == null) {
            throw refuse(node, what + " lacks the key '" + key + "'");
        }
        return value;
    }

    String text(Node value, String description) {
        if (!(value instanceof ScalarNode scalar) || Tag.NULL.equals(value.getTag()) || scalar.getValue().isBlank()) {
            throw refuse(value, description + " must be a non-empty text");
        }
        return scalar.getValue().strip();
    }

    /** The key's list items, or null when the key is absent; refuses anything but a list. */
    List<Node> optionalList(String key) {
        Node value = entries.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw refuse(value, what + ": " + key + " must be a list, e.g. " + key + ": [a, b]");
        }
        return new ArrayList<>(sequence.getValue());
    }

    boolean flag(String key, boolean absent) {
        Node value = entries.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof ScalarNode scalar) || !Tag.BOOL.equals(value.getTag())) {
            throw refuse(value, what + ": " + key + " must be true or false");
        }
        return Set.of("true", "yes", "on").contains(scalar.getValue().toLowerCase(Locale.ROOT));
    }
}
