package io.alertline.common.record;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Everything alertline says about a record besides its body, read from and written to Kafka
 * headers in this one place: the ingest's {@link RequestStamp}, the processor's {@link Routing}
 * (retry and dead-letter copies) and an operator's {@link ReplayStamp}. Like Kafka Connect's
 * {@code DeadLetterQueueReporter}, which owns its header names, nothing else spells them out.
 *
 * <p>Copies ({@link #routedCopy}, {@link #replayCopy}) carry the source's other headers byte for
 * byte, ours and anyone else's, so the record signature still verifies on the copy and an audit
 * of a dead letter sees exactly what the ingest wrote.
 */
public record AlertEnvelope(RequestStamp request, Routing routing, ReplayStamp replay) {

    /** A record as the ingest writes it. */
    public static AlertEnvelope ingested(RequestStamp request) {
        return new AlertEnvelope(request, Routing.NONE, ReplayStamp.NONE);
    }

    public static AlertEnvelope read(Headers headers) {
        return new AlertEnvelope(RequestStamp.read(headers), Routing.read(headers), ReplayStamp.read(headers));
    }

    /** Adds every known field as a header. */
    public Headers writeTo(Headers headers) {
        request.writeTo(headers);
        routing.writeTo(headers);
        replay.writeTo(headers);
        return headers;
    }

    /** Shorthand for the request id, which logs and outcomes name a record by. */
    public String requestId() {
        return request.requestId();
    }

    /** Headers of a retry or dead-letter copy: the source's, with its earlier routing replaced by {@code routing}. */
    public static Headers routedCopy(Headers source, Routing routing) {
        Headers headers = carried(source, false);
        routing.writeTo(headers);
        return headers;
    }

    /**
     * Headers of a replay or re-drive copy: the source's without routing or an earlier replay
     * (a re-drive is the record again, from its first attempt), plus {@code replay}.
     */
    public static Headers replayCopy(Headers source, ReplayStamp replay) {
        Headers headers = carried(source, true);
        replay.writeTo(headers);
        return headers;
    }

    private static Headers carried(Headers source, boolean dropReplay) {
        Headers headers = new RecordHeaders();
        for (Header h : source) {
            if (!AlertlineHeaders.ROUTING.contains(h.key())
                    && !(dropReplay && AlertlineHeaders.REPLAY.contains(h.key()))) {
                headers.add(h);
            }
        }
        return headers;
    }
}
