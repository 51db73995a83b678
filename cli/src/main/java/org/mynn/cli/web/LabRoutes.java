package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * The training lab's API ({@code /api/lab/...}), apart from how requests arrive; everything that changes something is
 * a JSON POST from the page itself: {@code GET options}, {@code GET state}, {@code POST start|pause|resume|step|stop|lr},
 * {@code GET weights.png}, {@code GET backquery/K} (the backquery picture of class K, as {@code mynn backquery} draws
 * it; {@code ?scale=N}, by default {@value #SCALE}), {@code GET confusion}, {@code POST confusion} (make one now),
 * {@code GET cell?actual=A&predicted=P}, {@code GET explain/I}, {@code POST save} (a
 * finished run as the model {@code mynn train} writes, a paused or stopped one as the checkpoint it writes, which
 * {@code mynn train --resume} continues); {@code GET saved} (the checkpoints of the models folder) and
 * {@code POST continue {"name"}} (continue one live, as {@code train --resume} does); the session's run list
 * ({@code GET runs}, {@code GET runs/ID}, {@code GET compare?a=ID&b=ID}: McNemar's test as {@code mynn compare}); the
 * presets ({@code GET presets}, {@code GET estimate?preset=NAME}, {@code POST preset {"name"}}); the math of one sample
 * ({@code GET math?index=I}, {@code POST math} with a drawing, {@code POST math/step}: {@link LabMath}); {@code GET token}: the
 * secret the page sends with every request that changes something ({@link Guard}). The event stream
 * ({@code GET events}) is the server's, as it needs the connection itself ({@link Lab#subscribe}).
 */
final class LabRoutes {

    /** The backquery pictures' default scale, {@code mynn backquery}'s. */
    static final int SCALE = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final String PREFIX = "/api/lab/";

    private final Lab lab;
    private final ModelRegistry registry;
    private final Models models;
    private final QueryService queries;
    private final LabViews views;

    @Inject
    LabRoutes(Lab lab, ModelRegistry registry, Models models, QueryService queries, LabViews views) {
        this.lab = lab;
        this.registry = registry;
        this.models = models;
        this.queries = queries;
        this.views = views;
    }

    /**
     * @return the answer to a {@code /api/lab/...} request other than the event stream; a failure is its status, a run
     *         under way a 409 with the run's frame
     */
    Http.Response handle(Http.Request r) {
        return Http.answer(() -> {
            try {
                return route(r);
            } catch (Conflict e) {
                return Http.Response.json(409, e.body);
            }
        });
    }

    private Http.Response route(Http.Request r) {
        if (!r.path().startsWith(PREFIX)) {
            throw new Http.HttpError(404, "no such API: " + r.path());
        }
        String path = r.path().substring(PREFIX.length());
        switch (path) {
            case "options" -> {
                get(r);
                return Http.Response.json(200, lab.plans().options());
            }
            case "state" -> {
                get(r);
                LabRun current = lab.current();
                return Http.Response.json(200, current == null ? Lab.idle() : current.frame());
            }
            case "start" -> {
                return Http.Response.json(200, lab.start(post(r)));
            }
            case "pause" -> {
                post(r);
                return Http.Response.json(200, lab.active("pause").pause());
            }
            case "resume" -> {
                post(r);
                return Http.Response.json(200, lab.active("resume").resume());
            }
            case "step" -> {
                JsonNode n = post(r, "samples").get("samples");
                if (n == null || !n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 10_000_000) {
                    throw new Http.HttpError(400, "expected {\"samples\": N}, N a whole number from 1 to 10,000,000, but is " + n);
                }
                return Http.Response.json(200, lab.active("step").step(n.asInt()));
            }
            case "stop" -> {
                post(r);
                boolean preset = lab.cancelSweep();
                LabRun current = lab.current();
                if (preset && (current == null || !current.state.active())) {
                    return Http.Response.json(200, current == null ? Lab.idle() : current.frame());
                }
                return Http.Response.json(200, lab.active("stop").stop());
            }
            case "token" -> {
                get(r);
                return Http.Response.json(200, Map.of("token", lab.token(), "header", Guard.TOKEN_HEADER));
            }
            case "runs" -> {
                get(r);
                return Http.Response.json(200, Map.of("runs", lab.runs()));
            }
            case "compare" -> {
                get(r);
                return Http.Response.json(200, compare(Http.queryParameters(r.query())));
            }
            case "presets" -> {
                get(r);
                return Http.Response.json(200, Map.of("presets", lab.presets()));
            }
            case "estimate" -> {
                get(r);
                Map<String, String> q = Http.queryParameters(r.query());
                return Http.Response.json(200, lab.estimate(q.getOrDefault("preset", ""), samples(q.get("samples"))));
            }
            case "preset" -> {
                JsonNode body = post(r, "name", "samples");
                JsonNode name = body.get("name");
                if (name == null || !name.isTextual()) {
                    throw new Http.HttpError(400, "expected {\"name\": \"a preset\", \"samples\": N (optional)}");
                }
                JsonNode n = body.get("samples");
                return Http.Response.json(200, lab.startPreset(name.asText(), samples(n == null || n.isNull() ? null
                        : n.asText())));
            }
            case "lr" -> {
                JsonNode lr = post(r, "lr").get("lr");
                if (lr == null || !lr.isNumber()) {
                    throw new Http.HttpError(400, "expected {\"lr\": a number}, but 'lr' is "
                            + (lr == null ? "missing" : Http.clip(lr.toString())));
                }
                double rate = lab.plans().learningRate(lr.asDouble());
                return Http.Response.json(200, lab.active("change the learning rate of").learningRate(rate));
            }
            case "weights.png" -> {
                get(r);
                byte[] png = lab.existing().weightsPng;
                if (png == null) {
                    throw new Http.HttpError(404, "no weights drawn yet");
                }
                return new Http.Response(200, "image/png", png);
            }
            case "confusion" -> {
                LabRun current = lab.existing();
                if (r.method().equals("POST")) {
                    post(r);
                    return Http.Response.json(200, current.confusionNow().json(current.classes));
                }
                get(r);
                return Http.Response.json(200, atlas(current).json(current.classes));
            }
            case "math" -> {
                LabRun current = lab.existing();
                JsonNode body = null;
                if (r.method().equals("POST")) {
                    body = post(r);
                } else {
                    get(r);
                }
                return Http.Response.json(200, LabMath.of(current, LabMath.sample(current, Http.queryParameters(r.query()),
                        body)));
            }
            case "math/step" -> {
                JsonNode body = post(r);
                LabRun current = lab.existing();
                return Http.Response.json(200, LabMath.step(current, LabMath.sample(current, Map.of(), body)));
            }
            case "save" -> {
                return Http.Response.json(200, save(post(r, "name", "overwrite")));
            }
            case "saved" -> {
                get(r);
                return Http.Response.json(200, Map.of("saved", LabSaved.list(registry.folder(), registry.names())));
            }
            case "continue" -> {
                return Http.Response.json(200, resumeSaved(post(r, "name", "threads")));
            }
            default -> {
                if (path.startsWith("cell")) {
                    get(r);
                    LabRun current = lab.existing();
                    LabAtlas a = atlas(current);
                    Map<String, String> q = Http.queryParameters(r.query());
                    return Http.Response.json(200, a.cell(current.test, index(q, "actual", a.classes()),
                            index(q, "predicted", a.classes())));
                }
                if (path.startsWith("runs/")) {
                    get(r);
                    return Http.Response.json(200, lab.record(number(path.substring("runs/".length()), "run")).json(true));
                }
                if (path.startsWith("explain/")) {
                    get(r);
                    return new Http.Response(200, "image/png", explain(lab.existing(), path.substring("explain/".length())));
                }
                if (path.startsWith("backquery/")) {
                    get(r);
                    return new Http.Response(200, "image/png", backquery(lab.existing(), path.substring("backquery/".length()),
                            r.query()));
                }
                throw new Http.HttpError(404, "no such API: " + r.path());
            }
        }
    }

    private static void get(Http.Request r) {
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
            throw new Http.HttpError(405, "use GET here, not " + r.method());
        }
    }

    /** @return the JSON body of a POST that says it is JSON (a form of another site cannot) */
    private static JsonNode post(Http.Request r) {
        Http.require(r, "POST");
        Http.requireJson(r);
        return Http.parse(r.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : r.body());
    }

    /**
     * @return the request's JSON body; @throws Http.HttpError 400 naming a field that is not one of {@code fields}
     *         (a misspelt one would otherwise be ignored), as Start does
     */
    private static JsonNode post(Http.Request r, String... fields) {
        JsonNode body = post(r);
        java.util.Set<String> known = new java.util.TreeSet<>(java.util.Arrays.asList(fields));
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new Http.HttpError(400, "unknown field '" + Http.clip(f) + "'; the fields are " + known);
            }
        }
        return body;
    }

    private static LabAtlas atlas(LabRun current) {
        LabAtlas a = current.atlas;
        if (a == null) {
            throw new Http.HttpError(404, "no confusion matrix yet: one is made after every epoch, or POST /api/lab/confusion"
                    + " to make one now");
        }
        return a;
    }

    /** File kinds a model file is not: a name ending so is refused rather than saved as {@code name.png.json}. */
    private static final java.util.regex.Pattern OTHER_KIND = java.util.regex.Pattern.compile(
            "\\.(png|jpe?g|gif|csv|txt|gz|npy|onnx|html?|md)$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private Map<String, Object> save(JsonNode body) {
        LabRun current = lab.existing();
        JsonNode n = body.get("name");
        if (n == null || !n.isTextual()) {
            throw new Http.HttpError(400, "expected {\"name\": \"a file name\", \"overwrite\": false}");
        }
        String name = n.asText().trim();
        java.util.regex.Matcher other = OTHER_KIND.matcher(name);
        if (other.find()) {
            throw new Http.HttpError(400, "'name' names a " + other.group(1) + " file, but the lab saves the network as a"
                    + " model file (.json): say '" + name.substring(0, other.start()) + "' or '"
                    + name.substring(0, other.start()) + ".json'");
        }
        if (!name.endsWith(".json")) {
            name = name + ".json";
        }
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new Http.HttpError(400, "'name' must be a plain file name of letters, digits, '.', '_' and '-' (no folders),"
                    + " at most 80 characters, but is '" + n.asText() + "'");
        }
        boolean overwrite = body.has("overwrite") && body.get("overwrite").asBoolean(false);
        if (current.training()) {
            throw new Http.HttpError(409, "the network is still training: pause or stop the run first, then save");
        }
        // a run not finished is kept as a checkpoint, which train --resume and the lab's Continue take up; a finished one
        // as the model train writes
        NeuralNetwork checkpoint = current.checkpoint();
        NeuralNetwork net = checkpoint != null ? checkpoint : current.network();
        if (net == null) {
            throw new Http.HttpError(409, "the run has no network to save yet");
        }
        Path file = registry.folder().resolve(name);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("error", name + " already exists in the models folder; save again with \"overwrite\": true to replace it");
                m.put("exists", true);
                throw new Conflict(m);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !registry.names().contains(name)) {
                throw new Http.HttpError(409, name + " exists and is not a mynn model; choose another name");
            }
        }
        models.save(net, file);
        ModelRegistry.Current now = registry.switchTo(name);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("saved", name);
        m.put("current", now.name());
        m.put("checkpoint", checkpoint != null);
        if (checkpoint != null) {
            Provenance.Checkpoint c = checkpoint.provenance().checkpoint();
            m.put("epochsDone", c.epochsDone());
            m.put("samplesDone", c.samplesDone());
            m.put("epochs", c.epochs());
            m.put("resume", "mynn train --resume " + file + " --out " + file.resolveSibling(stem(name) + "-done.json"));
        }
        return m;
    }

    private static String stem(String name) {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** Continues a checkpoint of the models folder on the page: {@code {"name": "a checkpoint", "threads": N}}. */
    private Map<String, Object> resumeSaved(JsonNode body) {
        JsonNode n = body.get("name");
        if (n == null || !n.isTextual()) {
            throw new Http.HttpError(400, "expected {\"name\": \"a checkpoint in the models folder\", \"threads\": N (optional)}");
        }
        String name = n.asText().trim();
        JsonNode t = body.get("threads");
        if (t != null && !t.isNull() && (!t.isIntegralNumber() || !t.canConvertToInt())) {
            throw new Http.HttpError(400, "'threads' must be a whole number but is " + Http.clip(t.toString()));
        }
        if (!registry.names().contains(name)) {
            throw new Http.HttpError(404, "no model '" + Http.clip(name) + "' in the models folder; the checkpoints there are "
                    + LabSaved.list(registry.folder(), registry.names()).stream().map(m -> m.get("name")).toList());
        }
        Path file = registry.folder().resolve(name);
        if (LabSaved.read(file) == null) {
            throw new Http.HttpError(400, name + " is a finished model, not a checkpoint (a run saved before its end is one);"
                    + " start a new run instead");
        }
        lab.ensureIdle();
        LabPlan.Resumed resumed;
        try {
            resumed = lab.plans().resume(file, name, t == null || t.isNull() ? null : t.asInt());
        } catch (MynnException e) {
            throw new Http.HttpError(400, e.getMessage());
        }
        return lab.resume(resumed);
    }

    /** A 409 with a JSON body of its own. */
    static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, Object> body;

        Conflict(Map<String, Object> body) {
            super((String) body.get("error"));
            this.body = body;
        }
    }

    /** @return two ended runs compared as {@code mynn compare} compares two models: McNemar's test on their answers */
    private Map<String, Object> compare(Map<String, String> q) {
        LabRecord a = lab.record(number(q.get("a"), "a"));
        LabRecord b = lab.record(number(q.get("b"), "b"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a.json(true));
        m.put("b", b.json(true));
        m.put("comparison", a.compare(b).json());
        return m;
    }

    private static int number(String v, String name) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Http.HttpError(400, "'" + name + "' must be a run's number (1, 2, ...) but is "
                + (v == null ? "missing" : "'" + Http.clip(v) + "'"));
    }

    /** @return a preset's image count, or null for all */
    private static Integer samples(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 100 && n <= 10_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Http.HttpError(400, "'samples' must be a whole number from 100 to 10,000,000 but is '" + Http.clip(v) + "'");
    }

    private static int index(Map<String, String> q, String name, int classes) {
        String v = q.get(name);
        try {
            int k = Integer.parseInt(v);
            if (k >= 0 && k < classes) {
                return k;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Http.HttpError(400, "'" + name + "' must be a class from 0 to " + (classes - 1) + " but is "
                + (v == null ? "missing" : "'" + Http.clip(v) + "'"));
    }

    private byte[] explain(LabRun current, String index) {
        LabAtlas a = current.atlas;
        NeuralNetwork net = a != null ? a.net() : current.network();
        if (net == null) {
            throw new Http.HttpError(404, "no network yet");
        }
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new Http.HttpError(400, "the test image must be a whole number but is '" + index + "'");
        }
        if (i < 0 || i >= current.test.size()) {
            throw new Http.HttpError(404, "the test set has images 0 to " + (current.test.size() - 1) + ", not " + i);
        }
        QueryService.Answer ans = queries.ask(net, current.classes, queries.record(current.test, i));
        return ModelRegistry.png(queries.explain(net, ans));
    }

    /** The backquery picture of the run's network (the one {@code save} writes), as {@code mynn backquery} draws it. */
    private byte[] backquery(LabRun current, String label, String query) {
        NeuralNetwork net = current.network();
        if (net == null) {
            throw new Http.HttpError(404, "no network yet");
        }
        if (!net.canBackquery()) {
            throw new Http.HttpError(404, "this network's activations have no inverse, so it has no backquery pictures");
        }
        int k = index(Map.of("label", label), "label", net.outputSize());
        String s = Http.queryParameters(query).getOrDefault("scale", Integer.toString(SCALE));
        int scale;
        try {
            scale = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            scale = -1;
        }
        if (scale < 1 || scale > 100) {
            throw new Http.HttpError(400, "'scale' must be a whole number from 1 to 100 but is '" + Http.clip(s) + "'");
        }
        return views.backqueryPng(net, k, scale);
    }
}
