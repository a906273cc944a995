package io.alertline.ingest.publish;

/**
 * The records waiting for the broker's acks are past the backlog limit ({@link SendGate}): the
 * broker is not keeping up, and the request is refused (503, "Kafka unavailable") before its
 * record is handed to the producer.
 */
public class ProducerBacklogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProducerBacklogException() {
        super("records waiting for acks are past the backlog limit: Kafka is not keeping up", null, false, false);
    }
}
