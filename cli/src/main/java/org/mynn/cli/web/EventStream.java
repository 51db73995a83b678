package org.mynn.cli.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Server-Sent Events to any number of pages: each client's events are written one at a time without blocking a
 * thread; a client that falls {@value #BACKLOG} events behind, or whose connection fails, is dropped (its page's
 * {@code EventSource} reconnects by itself and is sent the history again).
 */
final class EventStream {

    /** Events a client may fall behind before it is dropped. */
    static final int BACKLOG = 64;

    private final List<Client> clients = new CopyOnWriteArrayList<>();

    /** One page listening. */
    private final class Client {
        private final Response response;
        private final Callback callback;
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private boolean writing;
        private boolean closed;

        Client(Response response, Callback callback) {
            this.response = response;
            this.callback = callback;
        }

        synchronized void offer(byte[] event) {
            if (closed) {
                return;
            }
            if (queue.size() >= BACKLOG) {
                fail(new IllegalStateException("the client fell " + BACKLOG + " events behind"));
                return;
            }
            queue.add(event);
            if (!writing) {
                next();
            }
        }

        private void next() {
            byte[] e = queue.poll();
            if (e == null) {
                writing = false;
                return;
            }
            writing = true;
            response.write(false, ByteBuffer.wrap(e), Callback.from(this::written, this::fail));
        }

        private synchronized void written() {
            if (!closed) {
                next();
            }
        }

        private synchronized void fail(Throwable x) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            clients.remove(this);
            callback.failed(x);
        }

        synchronized void end() {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            clients.remove(this);
            response.write(true, ByteBuffer.allocate(0), callback);
        }
    }

    /**
     * Starts streaming to a request: headers now, then {@code first} (e.g. the history so far), then every event sent.
     */
    void subscribe(Response response, Callback callback, List<String> first) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Client c = new Client(response, callback);
        clients.add(c);
        // the first bytes commit the headers, so that the page knows at once that the stream is open
        c.offer(": mynn lab events\n\n".getBytes(StandardCharsets.UTF_8));
        for (String e : first) {
            c.offer(e.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return an event of this name with this JSON as data */
    static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
    }

    /** Sends an event to every client. */
    void send(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        for (Client c : clients) {
            c.offer(bytes);
        }
    }

    /** Sends a comment, so that idle connections are neither timed out nor silently dead for long. */
    void keepAlive() {
        send(": keep-alive\n\n");
    }

    /** @return how many clients are listening */
    int clients() {
        return clients.size();
    }

    /** Ends every stream. */
    void close() {
        for (Client c : clients) {
            c.end();
        }
    }
}
