package io.alertline.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One plain TCP connection to the ingest, for what an HTTP client library will not do: send half
 * a request, stall, or go away mid-body. Reads use a socket timeout, so nothing waits forever.
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;

    private RawHttpConnection(Socket socket) {
        this.socket = socket;
    }

    public static RawHttpConnection open(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return new RawHttpConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request line and headers of a POST announcing {@code contentLength} body bytes. */
    public static String postHead(String path, int contentLength, String clientAddress, String... extraHeaders) {
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n")
                .append("X-Forwarded-For: ").append(clientAddress).append("\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    public RawHttpConnection send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttpConnection send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads (and discards) whatever the server sends until it closes the connection, and returns
     * how long that took; fails if the connection is still open after {@code atMost}.
     */
    public Duration awaitClosedByServer(Duration atMost) {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the server kept the connection open for more than " + atMost);
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    n = -1; // reset by the server: closed as well
                }
                if (n < 0) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response's head (status line and headers), for a connection meant to stay open. */
    public String readResponseHead(Duration atMost) {
        StringBuilder head = new StringBuilder();
        try {
            socket.setSoTimeout((int) atMost.toMillis());
            InputStream in = socket.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed before a response head; got: " + head);
                }
                head.append((char) b);
            }
            return head.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads exactly {@code length} body bytes of a response whose head was read. */
    public byte[] readBody(int length, Duration atMost) {
        try {
            socket.setSoTimeout((int) atMost.toMillis());
            return socket.getInputStream().readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
