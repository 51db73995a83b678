package org.mynn.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;
import org.mynn.render.ImageRenderer;

/**
 * The web page of {@code mynn serve} and its small JSON API ({@link Api}) on Jetty: this class is the transport, and
 * what keeps slow or hostile clients from stalling it.
 *
 * <ul>
 *   <li>{@code GET /}, {@code /app.js}, {@code /style.css}: the page; nothing else is served as a file.</li>
 *   <li>{@code POST /api/query}: a PNG body (prepared as {@code mynn query} prepares pictures) or JSON
 *       {@code {"pixels": [784 values 0..255, ink high]}} (used as it is); answers
 *       {@code {"label", "class", "scores", "seen"}}.</li>
 *   <li>{@code GET /api/backquery/{label}}: the backquery picture of a class, PNG.</li>
 *   <li>{@code GET /api/model}: the current model; {@code GET /api/models}: the models in its folder;
 *       {@code POST /api/model} {@code {"name": "other.json"}}: switch to another of them.</li>
 *   <li>{@code GET /api/random}: a random test digit, {@code {"index", "label", "pixels"}}.</li>
 * </ul>
 *
 * <p>Limits ({@link Limits}): a connection must send its first request's headers within a deadline and is closed
 * after a time without traffic; a body must arrive within a deadline; there is a bound on connections; a declared
 * body over {@value #MAX_BODY} bytes gets 413 (its bytes read and dropped first up to {@value #MAX_DRAIN}, so that
 * the answer is not lost in a reset connection; at once above that or when the client waits for 100-continue). Slow clients hold a connection, never a thread: headers and
 * bodies are read without blocking. Requests addressed by another name than this computer's, and state-changing
 * requests from pages of other sites, are refused ({@link Guard}). The page cannot write anything to disk.
 */
public final class WebServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 2 * 1024 * 1024;

    /**
     * A body declared larger than {@link #MAX_BODY} but at most this is read and dropped before the 413, so that the
     * client surely sees the answer; a larger one gets its 413 at once.
     */
    static final int MAX_DRAIN = 16 * 1024 * 1024;

    /**
     * How long clients may take, how many there may be, and how many pixels may be decoded at once.
     *
     * @param firstRequest a new connection's first request must arrive within this
     * @param idle         a connection without traffic this long is closed
     * @param body         a request body must arrive within this
     * @param connections  at most this many connections at once; more wait to be accepted
     * @param decodePixels at most this many pixels of uploaded pictures decoded at once
     * @param decodeWait   how long an upload waits for its turn to be decoded before 503
     */
    public record Limits(Duration firstRequest, Duration idle, Duration body, int connections, long decodePixels,
            Duration decodeWait) {

        /** The limits {@code mynn serve} runs with. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(20),
                256, 120_000_000L, Duration.ofSeconds(10));
    }

    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/lab.js", new String[] {"lab.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final Server server;
    private final ServerConnector connector;
    private final Api api;
    private final Guard guard;
    private final Limits limits;
    private final Lab lab;

    /** What the training lab needs: the datasets, the installed plugins, and the data the server was started with. */
    public static final class LabTools {
        final LabPlan.Tools tools;

        /**
         * @param serverTrain training data given to {@code mynn serve}; may be null
         * @param serverTest  its test data; may be null
         */
        public LabTools(org.mynn.data.DatasetSource datasets, org.mynn.cli.service.Runs runs, Dataset serverTrain,
                Dataset serverTest) {
            this.tools = new LabPlan.Tools(datasets, runs, serverTrain, serverTest);
        }
    }

    /** Starts serving with {@link Limits#DEFAULT}; see {@link #WebServer(String, int, Path, Models, QueryService, ImageRenderer, Dataset, Limits)}. */
    public WebServer(String host, int port, Path model, Models models, QueryService queries, ImageRenderer images,
            Dataset digits) {
        this(host, port, model, models, queries, images, digits, Limits.DEFAULT);
    }

    /**
     * Starts serving.
     *
     * @param model  the model to start with; the other models in its folder can be switched to
     * @param digits test digits for the "random digit" button; may be null
     * @throws MynnException when the model cannot be loaded, or the address cannot be listened on
     */
    public WebServer(String host, int port, Path model, Models models, QueryService queries, ImageRenderer images,
            Dataset digits, Limits limits) {
        this(host, port, model, models, queries, images, digits, limits, null);
    }

    /**
     * Starts serving, with the training lab ({@code /api/lab/...}) when {@code lab} is given.
     *
     * @param lab what the lab trains with; null for a server without a lab
     * @throws MynnException when the model cannot be loaded, or the address cannot be listened on
     */
    public WebServer(String host, int port, Path model, Models models, QueryService queries, ImageRenderer images,
            Dataset digits, Limits limits, LabTools lab) {
        this.limits = limits;
        this.guard = new Guard(host);
        ModelRegistry registry = new ModelRegistry(model, models, images);
        this.lab = lab == null ? null : new Lab(lab.tools, registry, models, queries);
        this.api = new Api(registry, queries, digits, new DecodeBudget(limits.decodePixels(), limits.decodeWait()));
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("mynn-web");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idle().toMillis());
        connector.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                server.getScheduler().schedule(() -> {
                    if (c.getMessagesIn() == 0 && c.getEndPoint().isOpen()) {
                        c.getEndPoint().close();
                    }
                }, limits.firstRequest().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.connections(), connector));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                WebServer.this.handle(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (BindException e) {
            stopQuietly();
            throw new MynnException("cannot listen on " + host + ":" + port + ": " + e.getMessage() + " (try another --port)");
        } catch (UnresolvedAddressException e) {
            stopQuietly();
            throw new MynnException("cannot listen on " + host + ":" + port + ": '" + host + "' is not an address of this"
                    + " computer (--host takes one, e.g. 127.0.0.1, or 0.0.0.0 for every address)");
        } catch (Exception e) {
            stopQuietly();
            throw new MynnException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        guard.port(connector.getLocalPort());
    }

    /** @return the port listened on */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly();
    }

    /** @return how many pages listen to the lab's events (0 without a lab) */
    public int labListeners() {
        return lab == null ? 0 : lab.listeners();
    }

    private void stopQuietly() {
        if (lab != null) {
            lab.close();
        }
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing more to do
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String host = request.getHeaders().get(HttpHeader.HOST);
        String refused = guard.checkHost(host);
        if (refused != null) {
            send(request, response, callback, Http.Response.error(421, refused));
            return;
        }
        if (!path.startsWith("/api/")) {
            asset(request, response, callback, path, method);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            refused = guard.checkOrigin(request.getHeaders().get(HttpHeader.ORIGIN), host);
            if (refused != null) {
                send(request, response, callback, Http.Response.error(403, refused));
                return;
            }
        }
        if (path.equals("/api/lab/events") && lab != null) {
            if (!method.equals("GET")) {
                send(request, response, callback, Http.Response.error(405, "use GET here, not " + method));
                return;
            }
            response.getHeaders().put("X-Accel-Buffering", "no");
            lab.subscribe(response, callback);
            return;
        }
        if (request.getLength() > MAX_BODY) {
            boolean expects = "100-continue".equalsIgnoreCase(request.getHeaders().get(HttpHeader.EXPECT));
            if (expects || request.getLength() > MAX_DRAIN) {
                // the client waits for a go-ahead it will not get, or the body is too big to be worth reading: answer
                // now (Jetty closes the connection after the answer)
                send(request, response, callback, tooLarge());
            } else {
                // read and drop the body first: closing a connection with unread bytes makes the kernel reset it,
                // and the reset can destroy the answer before the client reads it
                drain(request, () -> send(request, response, callback, tooLarge()));
            }
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Content.Source.asByteArrayAsync(request, MAX_BODY + 1)
                .orTimeout(limits.body().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, failure) -> {
                    Http.Response r;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        r = cause instanceof TimeoutException
                                ? Http.Response.error(408, "the request body did not arrive within " + limits.body().toSeconds() + " s")
                                : Http.Response.error(400, "the request body could not be read");
                    } else if (body.length > MAX_BODY) {
                        r = tooLarge();
                    } else {
                        try {
                            Http.Request asked = new Http.Request(method, path, type, body, request.getHttpURI().getQuery());
                            r = !path.startsWith("/api/lab/") ? api.handle(asked) : lab != null ? lab.handle(asked)
                                    : Http.Response.error(404, "this server has no training lab");
                        } catch (OutOfMemoryError e) {
                            r = Http.Response.error(503, "the server ran out of memory answering this request; try a smaller one");
                        }
                    }
                    send(request, response, callback, r);
                });
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
        return Http.Response.error(413, "the request body is larger than " + MAX_BODY / (1024 * 1024) + " MB");
    }

    private void asset(Request request, Response response, Callback callback, String path, String method) {
        String[] asset = ASSETS.get(path);
        if (asset == null) {
            send(request, response, callback, new Http.Response(404, "text/plain; charset=utf-8",
                    "not found\n".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(request, response, callback, new Http.Response(405, "text/plain; charset=utf-8",
                    "use GET\n".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        byte[] body;
        try (InputStream in = WebServer.class.getResourceAsStream(asset[0])) {
            body = in.readAllBytes();
        } catch (IOException e) {
            send(request, response, callback, Http.Response.error(500, "the page cannot be read"));
            return;
        }
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:");
        send(request, response, callback, new Http.Response(200, asset[1], body));
    }

    private static void send(Request request, Response response, Callback callback, Http.Response r) {
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        boolean head = request.getMethod().equals("HEAD");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(r.body()), callback);
    }
}
