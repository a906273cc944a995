package io.alertline.common.identity;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The Kafka record key: the payload's {@code groupKey}, so firing and resolved of one group stay
 * ordered on one partition; senders without one get a hash of their sorted alertnames.
 */
public final class GroupKey {

    private GroupKey() {
    }

    public static String of(String groupKey, Collection<String> alertnames) {
        if (groupKey != null && !groupKey.isEmpty()) {
            return groupKey;
        }
        byte[] digest = IdempotencyKey.sha256(String.join("\n", new TreeSet<>(alertnames))
                .getBytes(StandardCharsets.UTF_8));
        return "alertnames:" + HexFormat.of().formatHex(digest, 0, 16);
    }
}
