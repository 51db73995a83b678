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
 * thread; a client that falls {@value #BACKLOG} events behind misses its oldest queued frames (each frame says where
 * the run stands, so the next one makes up for them): frames are dropped, not the stream. Only a client whose
 * connection fails, or that falls that far behind on events other than frames, is dropped (its page's
 * {@code EventSource} reconnects by itself and is sent the history again).
 */
final class EventStream {

    private static final byte[] FRAME = "event: frame\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** @return true when an event is a frame, which a slow client may miss (the next one says it all again) */
    static boolean isFrame(byte[] event) {
        return event.length >= FRAME.length && java.util.Arrays.equals(event, 0, FRAME.length, FRAME, 0, FRAME.length);
    }

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
            if (queue.size() >= BACKLOG && !dropOldestFrame()) {
                fail(new IllegalStateException("the client fell " + BACKLOG + " events behind"));
                return;
            }
            queue.add(event);
            if (!writing) {
                next();
            }
        }

        /** @return true when a queued frame was dropped to make room (a newer one will follow); history never is */
        private boolean dropOldestFrame() {
            for (java.util.Iterator<byte[]> it = queue.iterator(); it.hasNext(); ) {
                if (isFrame(it.next())) {
                    it.remove();
                    return true;
                }
            }
            return false;
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
