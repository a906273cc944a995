package io.alertline.processor.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack, Discord or Telegram in tests.
 *
 * <p>Records every request and answers, in order, from a queue of programmed replies; when the
 * queue is empty it answers with the default reply (200 "ok" unless {@link #setDefault} says
 * otherwise). {@link #hangFor} queues a reply that arrives only after a delay, for timeouts.
 *
 * <pre>{@code
 * try (FakeChatServer server = FakeChatServer.start()) {
 *     server.enqueue(429, Map.of("Retry-After", "3"), "");
 *     ... new SlackNotifier(server.url("/services/T/B/secret"), http, timeout) ...
 *     assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 */
public final class FakeChatServer implements AutoCloseable {

    /** One request as received: raw path and query (null when absent), headers by any case. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        /** First value of a header, null if absent; the name is matched case-insensitively. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A programmed answer; {@code delay} is waited before answering (zero for none). */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public Reply {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? "" : body;
            delay = delay == null ? Duration.ZERO : delay;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Reply defaultReply = new Reply(200, Map.of(), "ok", Duration.ZERO);

    private FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // one thread per exchange, so a hanging reply does not hold up the next request
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-chat-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static FakeChatServer start() {
        try {
            FakeChatServer s = new FakeChatServer();
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} + path; path may carry a query and may be "". */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Requests received so far, oldest first (a snapshot). */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Queues one reply; replies are used once each, in order. */
    public FakeChatServer enqueue(int status, Map<String, String> headers, String body) {
        queue.add(new Reply(status, headers, body, Duration.ZERO));
        return this;
    }

    /** The reply used when the queue is empty. */
    public FakeChatServer setDefault(int status, Map<String, String> headers, String body) {
        defaultReply = new Reply(status, headers, body, Duration.ZERO);
        return this;
    }

    /** Queues a reply that arrives only after {@code delay} (the default reply; cut short by close()). */
    public FakeChatServer hangFor(Duration delay) {
        Reply d = defaultReply;
        queue.add(new Reply(d.status(), d.headers(), d.body(), delay));
        return this;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers),
                    new String(body, StandardCharsets.UTF_8)));

            Reply reply = Objects.requireNonNullElse(queue.poll(), defaultReply);
            if (!reply.delay().isZero()) {
                try {
                    if (closed.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            // 204 and 304 must not carry a body; -1 tells HttpServer "no body"
            boolean noBody = out.length == 0 || reply.status() == 204 || reply.status() == 304;
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** Bodies of all requests so far, oldest first. */
    public List<String> bodies() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.body()));
        return out;
    }

    /** {@code http://127.0.0.1:<port>} + path where nothing listens: connections are refused. */
    public static String refusingUrl(String path) {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "http://127.0.0.1:" + port + path;
    }
}
