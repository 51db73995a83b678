package org.mynn.cli.web;

import static org.mynn.cli.web.Http.parse;
import static org.mynn.cli.web.Http.require;
import static org.mynn.cli.web.Http.requireJson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mynn.cli.service.QueryService;
import org.mynn.cli.web.Http.HttpError;
import org.mynn.cli.web.Http.Request;
import org.mynn.cli.web.Http.Response;
import org.mynn.data.Dataset;
import org.mynn.data.PictureReader;

/**
 * The page's JSON API, apart from how requests arrive: each handler takes a {@link Request} and gives a
 * {@link Response}. Malformed requests get 400 with {@code {"error": "..."}}, unknown paths 404, wrong methods 405.
 */
final class Api {


    private final ModelRegistry models;
    private final QueryService queries;
    private final Dataset digits;
    private final PictureReader.PixelBudget decodes;
    private final Random random = new Random();

    /**
     * @param digits  test digits for the "random digit" button; may be null
     * @param decodes bounds the pictures decoded at once
     */
    Api(ModelRegistry models, QueryService queries, Dataset digits, PictureReader.PixelBudget decodes) {
        this.models = models;
        this.queries = queries;
        this.digits = digits;
        this.decodes = decodes;
    }

    /** @return the answer to an {@code /api/...} request */
    Response handle(Request r) {
        return Http.answer(() -> {
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
                        if (path.startsWith("/api/backquery/")) {
                            require(r, "GET");
                            return new Response(200, "image/png", backquery(path.substring("/api/backquery/".length())));
                        }
                        throw new HttpError(404, "no such API: " + path);
                    }
                }
            } catch (ModelRegistry.NotFound e) {
                throw new HttpError(404, e.getMessage());
            }
        });
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
        out.put("activations", Http.names(m.net().activations()));
        out.put("loss", Http.name(m.net().loss()));
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

}
