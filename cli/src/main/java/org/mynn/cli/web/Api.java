package org.mynn.cli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.QueryService;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;
import org.mynn.data.PictureReader;

/**
 * The page's JSON API, apart from how requests arrive: each handler takes a {@link Request} and gives a
 * {@link Response}. Malformed requests get 400 with {@code {"error": "..."}}, unknown paths 404, wrong methods 405.
 */
final class Api {

    /** A request: method, path, content type (may be null), body, query string (may be null). */
    record Request(String method, String path, String contentType, byte[] body, String query) {

        Request(String method, String path, String contentType, byte[] body) {
            this(method, path, contentType, body, null);
        }
    }

    /** An answer: status, content type, body. */
    record Response(int status, String contentType, byte[] body) {

        static Response json(int status, Object value) {
            return new Response(status, "application/json; charset=utf-8", Jsons.write(value).getBytes(StandardCharsets.UTF_8));
        }

        static Response error(int status, String message) {
            return json(status, Map.of("error", message));
        }
    }

    /** An answer with an HTTP status other than 200. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRegistry models;
    private final QueryService queries;
    private final Dataset digits;
    private final PictureReader.PixelBudget decodes;
    private final Random random = new Random();
    private final Lab lab;

    /**
     * @param digits  test digits for the "random digit" button; may be null
     * @param decodes bounds the pictures decoded at once
     */
    Api(ModelRegistry models, QueryService queries, Dataset digits, PictureReader.PixelBudget decodes) {
        this(models, queries, digits, decodes, null);
    }

    /** @param lab the training lab; null for a server without one */
    Api(ModelRegistry models, QueryService queries, Dataset digits, PictureReader.PixelBudget decodes, Lab lab) {
        this.lab = lab;
        this.models = models;
        this.queries = queries;
        this.digits = digits;
        this.decodes = decodes;
    }

    /** @return the answer to an {@code /api/...} request */
    Response handle(Request r) {
        try {
            String path = r.path();
            switch (path) {
                case "/api/query" -> {
                    require(r, "POST");
                    return Response.json(200, query(r));
                }
                case "/api/model" -> {
                    if (r.method().equals("POST")) {
                        requireJson(r);
                        return Response.json(200, modelInfo(switchModel(parse(r.body())), digits));
                    }
                    require(r, "GET");
                    return Response.json(200, modelInfo(models.current(), digits));
                }
                case "/api/models" -> {
                    require(r, "GET");
                    return Response.json(200, Map.of("models", models.names(), "current", models.current().name()));
                }
                case "/api/random" -> {
                    require(r, "GET");
                    return Response.json(200, randomDigit());
                }
                default -> {
                    if (path.startsWith("/api/lab/")) {
                        if (lab == null) {
                            throw new HttpError(404, "this server has no training lab");
                        }
                        return lab.handle(r);
                    }
                    if (path.startsWith("/api/backquery/")) {
                        require(r, "GET");
                        return new Response(200, "image/png", backquery(path.substring("/api/backquery/".length())));
                    }
                    throw new HttpError(404, "no such API: " + path);
                }
            }
        } catch (HttpError e) {
            return Response.error(e.status, e.getMessage());
        } catch (Lab.Conflict e) {
            return Response.json(409, e.body);
        } catch (ModelRegistry.NotFound e) {
            return Response.error(404, e.getMessage());
        } catch (MynnException e) {
            return Response.error(400, e.getMessage());
        }
    }

    static void require(Request r, String expected) {
        if (!r.method().equals(expected)) {
            throw new HttpError(405, "use " + expected + " here, not " + r.method());
        }
    }

    /** A request that changes something must say it sends JSON: a form of another site cannot. */
    static void requireJson(Request r) {
        if (r.contentType() == null || !r.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "send JSON here, with Content-Type: application/json (not " + r.contentType() + ")");
        }
    }

    private Map<String, Object> query(Request r) {
        ModelRegistry.Current m = models.current();
        QueryService.Question q;
        if (r.contentType() != null && r.contentType().toLowerCase(Locale.ROOT).startsWith("image/")) {
            q = queries.upload(r.body(), decodes);
        } else {
            q = new QueryService.Question("pixels", pixels(parse(r.body())), null);
        }
        QueryService.Answer a = queries.ask(m.net(), m.classes(), q);
        Map<String, Object> out = QueryService.json(a);
        out.remove("source");
        int[] px = new int[q.pixels().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = q.pixels()[i] & 0xff;
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

    private ModelRegistry.Current switchModel(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw new HttpError(400, "expected {\"name\": \"a model of the list\"}");
        }
        return models.switchTo(name.asText());
    }

    /**
     * @param digits the test digits the server has; when the model was trained on their dataset, its accuracy (measured
     *               on that test set) gets its 95% interval
     */
    private static Map<String, Object> modelInfo(ModelRegistry.Current m, Dataset digits) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("layers", m.net().layers());
        out.put("activations", m.net().activations().stream().map(org.mynn.core.activation.Activation::name).toList());
        out.put("loss", m.net().loss().name());
        out.put("biases", m.net().hasBiases());
        out.put("classes", m.classes());
        Double accuracy = m.net().provenance().accuracy();
        out.put("accuracy", accuracy);
        org.mynn.core.model.Provenance.DataReference data = m.net().provenance().data();
        if (accuracy != null && digits != null && data != null && data.dataset() != null
                && digits.name().equals(data.dataset() + "/test")) {
            out.put("interval95", org.mynn.core.train.Confidence.wilson95(Math.round(accuracy * digits.size()), digits.size()));
        }
        out.put("epochs", m.net().provenance().epochs());
        out.put("dataset", m.net().provenance().dataset());
        out.put("backquery", m.hasBackquery());
        return out;
    }

    private byte[] backquery(String label) {
        ModelRegistry.Current m = models.current();
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
        return m.backquery()[k];
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

    /** @return the parameters of a query string ({@code a=1&b=2}), decoded; empty for null */
    static Map<String, String> queryParameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                out.putIfAbsent(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v,
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "the query string is malformed: " + e.getMessage());
            }
        }
        return out;
    }

    /** @return the body as a JSON object; @throws HttpError 400 when it is not one */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new HttpError(400, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(java.util.Locale.ROOT, " at line %d, column %d", at.getLineNr(),
                    at.getColumnNr());
            throw new HttpError(400, "the body is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    ? "it ends before its last value is closed" + where : "unexpected text" + where)
                    + "; send one JSON object, e.g. {\"hidden\": [100]}");
        } catch (IOException e) {
            throw new HttpError(400, "the body cannot be read");
        }
    }

    /** The most characters of a request an error quotes back. */
    static final int QUOTED = 80;

    /** @return {@code s} cut to {@link #QUOTED} characters, so that an error never echoes a large request back */
    static String clip(String s) {
        return s.length() <= QUOTED ? s : s.substring(0, QUOTED) + "... (" + String.format(java.util.Locale.ROOT, "%,d",
                s.length()) + " characters)";
    }
}
