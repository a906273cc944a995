package io.alertline.ingest.publish;

/**
 * The records in flight already fill the producer's buffer: the broker is not keeping up, and the
 * request is refused (503, "Kafka unavailable") before its record is handed to the producer.
 */
public class ProducerBacklogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProducerBacklogException() {
        super("records in flight fill the producer's buffer: Kafka is not keeping up", null, false, false);
    }
}
