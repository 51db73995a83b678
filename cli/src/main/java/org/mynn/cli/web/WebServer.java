package org.mynn.cli.web;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;

/**
 * The web page of {@code mynn serve}, its small JSON API ({@link Api}) and the training lab's ({@link LabRoutes}) on
 * Jetty: this class composes Jetty's handlers, and keeps slow or hostile clients from stalling them. Built by
 * {@link WebModule}, started by its caller ({@link #start}), stopped by {@link #close}.
 *
 * <pre>
 * Guard (host and origin, common headers)
 *  └ PathMappingsHandler
 *     ├ /api/lab/events  the lab's event stream (Server-Sent Events)
 *     ├ /api/lab/*       Endpoint over LabRoutes (or a 404 when the server has no lab)
 *     ├ /api/*           Endpoint over Api
 *     └ /                Assets (ResourceHandler): the page's files
 * </pre>
 *
 * <ul>
 *   <li>{@code GET /}, {@code /app.js}, {@code /lab.js}, {@code /style.css}: the page; nothing else is served as a file.</li>
 *   <li>{@code POST /api/query}: a PNG body (prepared as {@code mynn query} prepares pictures) or JSON
 *       {@code {"pixels": [784 values 0..255, ink high]}} (used as it is); answers
 *       {@code {"label", "class", "scores", "seen"}}.</li>
 *   <li>{@code GET /api/backquery/{label}}: the backquery picture of a class, PNG.</li>
 *   <li>{@code GET /api/model}: the current model; {@code GET /api/models}: the models in its folder;
 *       {@code POST /api/model} {@code {"name": "other.json"}}: switch to another of them.</li>
 *   <li>{@code GET /api/random}: a random test digit, {@code {"index", "label", "pixels"}}.</li>
 *   <li>{@code /api/lab/...}: the training lab ({@link LabRoutes}).</li>
 * </ul>
 *
 * <p>Limits ({@link Limits}): a connection must send its first request's headers within a deadline and is closed
 * after a time without traffic; a body must arrive within a deadline; there is a bound on connections; a declared
 * body over {@value #MAX_BODY} bytes gets 413 ({@link Endpoint}). Slow clients hold a connection, never a thread:
 * headers and bodies are read without blocking. Requests addressed by another name than this computer's, and
 * state-changing requests from pages of other sites, are refused ({@link Guard}). The page cannot write anything to
 * disk but the lab's models, into the models folder.
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

    /**
     * What a server is started with.
     *
     * @param host     the address to listen on
     * @param port     the port; 0 for any free one
     * @param model    the model to start with; the other models in its folder can be switched to
     * @param digits   test digits for the "random digit" button; may be null
     * @param limits   what clients may take
     * @param lab      whether it has the training lab ({@code /api/lab/...})
     * @param labTrain training data the lab may train on besides the named datasets ({@code mynn serve --train}); may be
     *                 null
     * @param labTest  its test data; null when {@code labTrain} is
     */
    public record Settings(String host, int port, Path model, Dataset digits, Limits limits, boolean lab, Dataset labTrain,
            Dataset labTest) {

        /** @return a server for {@code model} on {@code host:port}, with {@link Limits#DEFAULT}, no digits, no lab */
        public static Settings of(String host, int port, Path model) {
            return new Settings(host, port, model, null, Limits.DEFAULT, false, null, null);
        }

        /** @return these settings with test digits for the "random digit" button */
        public Settings withDigits(Dataset d) {
            return new Settings(host, port, model, d, limits, lab, labTrain, labTest);
        }

        /** @return these settings with other limits */
        public Settings withLimits(Limits l) {
            return new Settings(host, port, model, digits, l, lab, labTrain, labTest);
        }

        /** @return these settings with the training lab, which may also train on {@code train} (may be null) */
        public Settings withLab(Dataset train, Dataset test) {
            return new Settings(host, port, model, digits, limits, true, train, test);
        }
    }

    private final Settings settings;
    private final Server server;
    private final ServerConnector connector;
    private final Lab lab;

    /**
     * @param lab    null for a server without a lab
     * @param routes the lab's API; null without a lab
     */
    WebServer(Settings settings, Api api, Lab lab, LabRoutes routes) {
        this.settings = settings;
        this.lab = lab;
        Limits limits = settings.limits();
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("mynn-web");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
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

        // the routes: the path stays as the client sent it (NoContext), each handler reads the whole path
        PathMappingsHandler routesByPath = new PathMappingsHandler.NoContext();
        if (lab != null) {
            routesByPath.addMapping(PathSpec.from("/api/lab/events"), new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    if (!request.getMethod().equals("GET")) {
                        Endpoint.send(request, response, callback, Http.Response.error(405, "use GET here, not "
                                + request.getMethod()));
                        return true;
                    }
                    response.getHeaders().put("X-Accel-Buffering", "no");
                    lab.subscribe(response, callback);
                    return true;
                }
            });
            routesByPath.addMapping(PathSpec.from("/api/lab/*"), new Endpoint(routes::handle, limits.body()));
        } else {
            routesByPath.addMapping(PathSpec.from("/api/lab/*"), new Endpoint(r -> Http.Response.error(404,
                    "this server has no training lab"), limits.body()));
        }
        routesByPath.addMapping(PathSpec.from("/api/*"), new Endpoint(api::handle, limits.body()));
        routesByPath.addMapping(PathSpec.from("/"), new Assets(ResourceFactory.of(server)));
        server.setHandler(new Guard(settings.host(), lab == null ? null : lab.token(), routesByPath));
    }

    /**
     * Starts listening (and the lab's keep-alive).
     *
     * @return this
     * @throws MynnException when the address cannot be listened on
     */
    public WebServer start() {
        String where = settings.host() + ":" + settings.port();
        try {
            server.start();
        } catch (UnresolvedAddressException e) {
            stopQuietly();
            throw new MynnException("cannot listen on " + where + ": '" + settings.host() + "' is not an address of this"
                    + " computer (--host takes one, e.g. 127.0.0.1, or 0.0.0.0 for every address)");
        } catch (Exception e) {
            stopQuietly();
            BindException taken = bindFailure(e);
            if (taken != null) {
                throw new MynnException("cannot listen on " + where + ": " + taken.getMessage() + " (try another --port)");
            }
            throw new MynnException("cannot listen on " + where + ": " + e.getMessage(), e);
        }
        if (lab != null) {
            lab.open();
        }
        return this;
    }

    /** Jetty 12.1 wraps the JDK's BindException in an IOException of its own: the first one among the causes. */
    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                return b;
            }
        }
        return null;
    }

    /** @return the port listened on (once started) */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the lab's run, if any, and the server. */
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
}
