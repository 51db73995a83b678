package org.mynn.cli.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One of the web's handlers that speak {@link Http} ({@link Api}, {@link LabRoutes}) as a Jetty handler: reads the
 * request's body without blocking a thread, within a deadline and a size, hands the handler an {@link Http.Request} and
 * writes its {@link Http.Response}. A declared body over {@value WebServer#MAX_BODY} bytes gets 413 (its bytes read and
 * dropped first up to {@value WebServer#MAX_DRAIN}, so that the answer is not lost in a reset connection; at once above
 * that or when the client waits for 100-continue).
 */
final class Endpoint extends Handler.Abstract {

    private final Function<Http.Request, Http.Response> handler;
    private final Duration bodyWithin;

    /** @param bodyWithin a request body must arrive within this, else 408 */
    Endpoint(Function<Http.Request, Http.Response> handler, Duration bodyWithin) {
        this.handler = handler;
        this.bodyWithin = bodyWithin;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (request.getLength() > WebServer.MAX_BODY) {
            boolean expects = "100-continue".equalsIgnoreCase(request.getHeaders().get(HttpHeader.EXPECT));
            if (expects || request.getLength() > WebServer.MAX_DRAIN) {
                // the client waits for a go-ahead it will not get, or the body is too big to be worth reading: answer
                // now (Jetty closes the connection after the answer)
                send(request, response, callback, tooLarge());
            } else {
                // read and drop the body first: closing a connection with unread bytes makes the kernel reset it,
                // and the reset can destroy the answer before the client reads it
                drain(request, () -> send(request, response, callback, tooLarge()));
            }
            return true;
        }
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Content.Source.asByteArrayAsync(request, WebServer.MAX_BODY + 1)
                .orTimeout(bodyWithin.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, failure) -> {
                    Http.Response r;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        r = cause instanceof TimeoutException
                                ? Http.Response.error(408, "the request body did not arrive within " + bodyWithin.toSeconds() + " s")
                                : Http.Response.error(400, "the request body could not be read");
                    } else if (body.length > WebServer.MAX_BODY) {
                        r = tooLarge();
                    } else {
                        try {
                            r = handler.apply(new Http.Request(method, path, type, body, request.getHttpURI().getQuery()));
                        } catch (OutOfMemoryError e) {
                            r = Http.Response.error(503, "the server ran out of memory answering this request; try a smaller one");
                        }
                    }
                    send(request, response, callback, r);
                });
        return true;
    }

    /** Reads and drops what is left of a request's body, then runs {@code then} (also when the body fails). */
    private static void drain(Request request, Runnable then) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(() -> drain(request, then));
                return;
            }
            chunk.release();
            if (chunk.isLast() || Content.Chunk.isFailure(chunk)) {
                then.run();
                return;
            }
        }
    }

    private static Http.Response tooLarge() {
        return Http.Response.error(413, "the request body is larger than " + WebServer.MAX_BODY / (1024 * 1024) + " MB");
    }

    /** Writes an answer: its status, type and length, and its body unless the request is a HEAD. */
    static void send(Request request, Response response, Callback callback, Http.Response r) {
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        boolean head = request.getMethod().equals("HEAD");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(r.body()), callback);
    }
}
