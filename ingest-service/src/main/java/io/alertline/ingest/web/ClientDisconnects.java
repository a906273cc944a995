package io.alertline.ingest.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

import reactor.core.publisher.Mono;

/**
 * A request whose client went away, or did not send its body within the read timeout, is the
 * client's doing, not a server error. Left to the framework it would be: the connection breaks
 * while the body is still being read, so no response is committed yet, and
 * {@code HttpWebHandlerAdapter} logs any error it gets before a response as {@code ERROR 500}
 * with a stack trace (its disconnected-client check only runs once a response is committed).
 * Anyone, authenticated or not, could flood the log that way. This handler runs before Spring
 * Boot's error handler, logs such a request at DEBUG in one line and ends it quietly; every
 * other error passes through untouched.
 */
public class ClientDisconnects implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ClientDisconnects.class);

    /** Reactor Netty's request timeout (package-private there, so it is recognised by name). */
    private static final String REQUEST_TIMEOUT_EXCEPTION = "reactor.netty.http.server.RequestTimeoutException";

    /** Before Spring Boot's ErrorWebExceptionHandler (order -1), which would answer a timeout with a logged 500. */
    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return handle(exchange.getRequest(), exchange.getResponse(), exchange.getLogPrefix(), error);
    }

    /** The same for a request answered without an exchange (the webhook endpoints). */
    Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response, String logPrefix, Throwable error) {
        HttpStatus status;
        String what;
        if (isRequestTimeout(error)) {
            status = HttpStatus.REQUEST_TIMEOUT;
            what = "did not send its request in time";
        } else if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            status = HttpStatus.BAD_REQUEST;
            what = "went away before its request was complete";
        } else {
            return Mono.error(error);
        }
        if (log.isDebugEnabled()) {
            log.debug("{}client {} {}: {} {} ({})", logPrefix, request.getRemoteAddress(), what,
                    request.getMethod(), request.getPath(), error.toString());
        }
        // The connection is usually gone already; if it is not (a half-closed socket), say why.
        response.setStatusCode(status);
        return response.setComplete();
    }

    private static boolean isRequestTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (REQUEST_TIMEOUT_EXCEPTION.equals(t.getClass().getName())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
