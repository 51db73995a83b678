package org.mynn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.Encoding;
import org.mynn.data.PictureReader;
import org.mynn.render.ImageRenderer;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;

/**
 * The web page of {@code mynn serve} and its small JSON API, on the JDK's own HTTP server.
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
final class WebServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"web/app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"web/style.css", "text/css; charset=utf-8"});

    /** A model and what is drawn from it once. */
    private record Loaded(String name, NeuralNetwork net, List<String> classes, byte[][] backquery) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final ModelJson models;
    private final PictureReader pictures;
    private final ImageRenderer images;
    private final Path folder;
    private final Dataset digits;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final Random random = new Random();

    /**
     * @param digits test digits for the "random digit" button; may be null
     */
    WebServer(String host, int port, Path model, ModelJson models, PictureReader pictures, ImageRenderer images, Dataset digits)
            throws IOException {
        this.models = models;
        this.pictures = pictures;
        this.images = images;
        this.digits = digits;
        Path abs = model.toAbsolutePath().normalize();
        this.folder = abs.getParent();
        current.set(load(abs));
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
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private Loaded load(Path file) {
        NeuralNetwork net = models.load(file);
        int side = NetworkViews.squareSide(net.inputSize());
        if (side != 28) {
            throw new MynnException(file + ": the page draws 28x28 digits, but the model takes " + net.inputSize() + " inputs");
        }
        List<String> classes = BaseCommand.classNames(net);
        boolean invertible = net.activations().stream().allMatch(org.mynn.core.activation.Activation::hasInverse);
        byte[][] backquery = new byte[net.outputSize()][];
        if (invertible) {
            for (int k = 0; k < net.outputSize(); k++) {
                Tile t = NetworkViews.backquery(net, k, classes.get(k), 28, 28);
                backquery[k] = png(images.render(t.values(), 28, 28, t.map(), 6));
            }
        }
        return new Loaded(file.getFileName().toString(), net, classes, backquery);
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
            try {
                switch (path) {
                    case "/api/query" -> {
                        require(method, "POST");
                        send(ex, 200, query(ex));
                    }
                    case "/api/model" -> {
                        if (method.equals("POST")) {
                            send(ex, 200, switchModel(readJson(ex)));
                        } else {
                            require(method, "GET");
                            send(ex, 200, modelInfo(current.get()));
                        }
                    }
                    case "/api/models" -> {
                        require(method, "GET");
                        send(ex, 200, Map.of("models", modelNames(), "current", current.get().name()));
                    }
                    case "/api/random" -> {
                        require(method, "GET");
                        send(ex, 200, randomDigit());
                    }
                    default -> {
                        if (path.startsWith("/api/backquery/")) {
                            require(method, "GET");
                            backquery(ex, path.substring("/api/backquery/".length()));
                        } else {
                            throw new HttpError(404, "no such API: " + path);
                        }
                    }
                }
            } catch (HttpError e) {
                send(ex, e.status, Map.of("error", e.getMessage()));
            } catch (MynnException e) {
                send(ex, 400, Map.of("error", e.getMessage()));
            }
        } catch (RuntimeException e) {
            // a broken connection or a bug: the exchange is closed; the server goes on
        }
    }

    /** An answer with an HTTP status other than 200. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void require(String method, String expected) {
        if (!method.equals(expected)) {
            throw new HttpError(405, "use " + expected + " here, not " + method);
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

    private Map<String, Object> query(HttpExchange ex) throws IOException {
        Loaded m = current.get();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] body = readBody(ex);
        byte[] seen;
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("image/")) {
            BufferedImage img;
            try {
                img = ImageIO.read(new ByteArrayInputStream(body));
            } catch (IOException | RuntimeException e) {
                img = null;
            }
            if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
                throw new HttpError(400, "the body cannot be decoded as a picture (PNG, JPEG, GIF or BMP)");
            }
            if (img.getWidth() > PictureReader.MAX_SIDE || img.getHeight() > PictureReader.MAX_SIDE) {
                throw new HttpError(400, "the picture is " + img.getWidth() + "x" + img.getHeight() + "; at most "
                        + PictureReader.MAX_SIDE + " pixels a side");
            }
            seen = pictures.fromImage(img, PictureReader.Fit.MNIST, "upload").pixels();
        } else {
            seen = pixels(parse(body));
        }
        double[] scores = m.net().query(Encoding.inputs(seen));
        int label = Evaluator.argmax(scores);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("class", m.classes().get(label));
        List<Double> s = new ArrayList<>();
        for (double v : scores) {
            s.add(Json.round(v));
        }
        out.put("scores", s);
        int[] px = new int[seen.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = seen[i] & 0xff;
        }
        out.put("seen", px);
        return out;
    }

    private static byte[] pixels(JsonNode root) {
        JsonNode p = root.get("pixels");
        if (p == null || !p.isArray()) {
            throw new HttpError(400, "expected {\"pixels\": [784 numbers 0..255]} or a PNG body");
        }
        if (p.size() != 784) {
            throw new HttpError(400, "'pixels' must have 784 values (28x28) but has " + p.size());
        }
        byte[] out = new byte[784];
        for (int i = 0; i < 784; i++) {
            JsonNode v = p.get(i);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 255 || !Double.isFinite(v.asDouble())) {
                throw new HttpError(400, "'pixels[" + i + "]' must be a number from 0 to 255 but is " + v);
            }
            out[i] = (byte) Math.round(v.asDouble());
        }
        return out;
    }

    private Map<String, Object> switchModel(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw new HttpError(400, "expected {\"name\": \"a model of the list\"}");
        }
        if (!modelNames().contains(name.asText())) {
            throw new HttpError(404, "no model '" + name.asText() + "' in the models folder; see /api/models");
        }
        Loaded loaded = load(folder.resolve(name.asText()));
        current.set(loaded);
        return modelInfo(loaded);
    }

    /** @return the .json files of the models folder that are mynn models, by name */
    private List<String> modelNames() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()::iterator) {
                if (Files.isRegularFile(p) && isModel(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            names.add(current.get().name());
        }
        return names;
    }

    private static boolean isModel(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            return head.contains("\"mynn-model\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Object> modelInfo(Loaded m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("layers", m.net().layers());
        out.put("activations", m.net().activations().stream().map(org.mynn.core.activation.Activation::name).toList());
        out.put("classes", m.classes());
        out.put("accuracy", m.net().facts().getAccuracy());
        out.put("epochs", m.net().facts().getEpochs());
        out.put("dataset", m.net().facts().getDataset());
        out.put("backquery", m.backquery()[0] != null);
        return out;
    }

    private void backquery(HttpExchange ex, String label) throws IOException {
        Loaded m = current.get();
        int k;
        try {
            k = Integer.parseInt(label);
        } catch (NumberFormatException e) {
            throw new HttpError(400, "the label must be a whole number but is '" + label + "'");
        }
        if (k < 0 || k >= m.backquery().length) {
            throw new HttpError(404, "label " + k + " is outside the model's classes 0.." + (m.backquery().length - 1));
        }
        if (m.backquery()[k] == null) {
            throw new HttpError(404, "this model's activations have no inverse, so it has no backquery pictures");
        }
        send(ex, 200, "image/png", m.backquery()[k]);
    }

    private Map<String, Object> randomDigit() {
        if (digits == null) {
            throw new HttpError(404, "no test digits here (the MNIST test set could not be loaded)");
        }
        int i;
        synchronized (random) {
            i = random.nextInt(digits.size());
        }
        int[] px = new int[digits.pixelsPerImage()];
        for (int j = 0; j < px.length; j++) {
            px[j] = digits.pixel(i, j);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", i);
        out.put("label", digits.label(i));
        out.put("pixels", px);
        return out;
    }

    /** How much of a too-large body is read and thrown away, so that the client can read the 413 answer. */
    private static final long DRAIN = 16L * 1024 * 1024;

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
                throw new HttpError(413, "the request body is larger than " + MAX_BODY / (1024 * 1024) + " MB");
            }
            return b;
        }
    }

    private static JsonNode readJson(HttpExchange ex) throws IOException {
        return parse(readBody(ex));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new HttpError(400, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "the body is not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new HttpError(400, "the body cannot be read");
        }
    }

    private static void send(HttpExchange ex, int status, Object json) throws IOException {
        send(ex, status, "application/json; charset=utf-8", Json.write(json).getBytes(StandardCharsets.UTF_8));
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

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("writing PNG to memory failed", e);
        }
        return out.toByteArray();
    }
}
