package org.mynn.cli.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.data.Dataset;
import org.mynn.render.ImageRenderer;

/**
 * The web page of {@code mynn serve} and its small JSON API ({@link Api}), on the JDK's own HTTP server: this
 * class is the transport only.
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
 * Bodies over {@value #MAX_BODY} bytes get 413, malformed requests 400, all with {@code {"error": "..."}}. The
 * page cannot write anything to disk.
 */
public final class WebServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 2 * 1024 * 1024;
    /** How much of a too-large body is read and thrown away, so that the client can read the 413 answer. */
    private static final long DRAIN = 16L * 1024 * 1024;
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService pool;
    private final Api api;

    /**
     * Starts serving.
     *
     * @param model  the model to start with; the other models in its folder can be switched to
     * @param digits test digits for the "random digit" button; may be null
     * @throws org.mynn.core.MynnException when the model cannot be loaded
     * @throws IOException when the address cannot be listened on
     */
    public WebServer(String host, int port, Path model, Models models, QueryService queries, ImageRenderer images,
            Dataset digits) throws IOException {
        this.api = new Api(new ModelRegistry(model, models, images), queries, digits);
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mynn-web");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the port listened on */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (!path.startsWith("/api/")) {
                asset(ex, path, method);
                return;
            }
            Api.Response r;
            try {
                r = api.handle(new Api.Request(method, path, ex.getRequestHeaders().getFirst("Content-Type"), readBody(ex)));
            } catch (Api.HttpError e) {
                r = Api.Response.error(e.status, e.getMessage());
            }
            send(ex, r.status(), r.contentType(), r.body());
        } catch (RuntimeException e) {
            // a broken connection or a bug: the exchange is closed; the server goes on
        }
    }

    private void asset(HttpExchange ex, String path, String method) throws IOException {
        String[] asset = ASSETS.get(path);
        if (asset == null) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(ex, 405, "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body;
        try (InputStream in = WebServer.class.getResourceAsStream(asset[0])) {
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:");
        send(ex, 200, asset[1], body);
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                byte[] sink = new byte[1 << 16];
                long drained = 0;
                int n;
                while (drained < DRAIN && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                throw new Api.HttpError(413, "the request body is larger than " + MAX_BODY / (1024 * 1024) + " MB");
            }
            return b;
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
