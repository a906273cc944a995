package io.alertline.ingest.config;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.http.server.HttpServer;

/**
 * Stops slow or silent connections from holding the ingest. Without these Reactor Netty waits
 * forever: for the rest of a half-sent body, and on an idle keep-alive connection.
 *
 * <ul>
 * <li>{@code requestTimeout} (INGEST_READ_TIMEOUT) bounds the whole time from a request's
 * headers to the last byte of its body, so a sender trickling one byte at a time is cut off as
 * surely as one that stalls (Reactor Netty's {@code readTimeout} would only bound the gap between
 * two reads). The connection is closed; {@link io.alertline.ingest.web.ClientDisconnects} logs it
 * at DEBUG.</li>
 * <li>{@code idleTimeout} (INGEST_IDLE_TIMEOUT) closes a connection with no traffic before its
 * first request's headers are complete or between keep-alive requests. It is not applied while
 * a request is being handled, so a slow Kafka acknowledgement never cuts off an answer.</li>
 * </ul>
 */
public final class ConnectionTimeouts implements NettyServerCustomizer {

    private final IngestProperties.Connection connection;

    public ConnectionTimeouts(IngestProperties.Connection connection) {
        this.connection = connection;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.requestTimeout(connection.readTimeout()).idleTimeout(connection.idleTimeout());
    }
}
