package io.alertline.processor.replay;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Why Kafka did not take a copy, as a small fixed set (a metric tag must not grow with input).
 * The first two are permanent: sending the same copy again would be refused again. The last
 * covers everything else (timeouts, unavailable brokers): Kafka did not confirm the copy, which
 * may or may not have been written, so replaying that record again later is the operator's call.
 */
public enum CopyRefusal {

    RECORD_TOO_LARGE("record-too-large"),
    INVALID_RECORD("invalid-record"),
    NOT_ACKNOWLEDGED("not-acknowledged");

    private final String id;

    CopyRefusal(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CopyRefusal of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
                return RECORD_TOO_LARGE;
            }
            if (t instanceof InvalidRecordException || t instanceof CorruptRecordException
                    || t instanceof SerializationException) {
                return INVALID_RECORD;
            }
        }
        return NOT_ACKNOWLEDGED;
    }
}
