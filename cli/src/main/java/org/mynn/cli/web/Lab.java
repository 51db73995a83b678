package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Targets;
import org.mynn.core.train.Evaluation;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingDivergedException;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Dataset;
import org.mynn.render.ColorMap;

/**
 * The training lab: one training run at a time, started, paused, stepped, steered and stopped from the page, and
 * watched live. The run trains on its own thread with {@link Trainer}, exactly as {@code mynn train} does; a second
 * thread asks it for a snapshot a few times a second (at least {@value #FRAME_MILLIS} ms apart, further when the views
 * cost more than a twentieth of a core) and, off the training thread,
 * measures it on {@value #HELD_OUT} fixed test images, draws its backquery pictures and first-layer weights and
 * streams the result to every page as Server-Sent Events ({@link EventStream}). After every epoch (or when asked) it
 * makes the confusion matrix of the whole test set: the error atlas.
 *
 * <p>API ({@code /api/lab/...}; everything that changes something is a JSON POST from the page itself):
 * {@code GET options}, {@code GET state}, {@code GET events} (the stream), {@code POST start|pause|resume|step|stop|lr},
 * {@code GET weights.png}, {@code GET confusion}, {@code POST confusion} (make one now), {@code GET cell?actual=A&predicted=P},
 * {@code GET explain/I}, {@code POST save}.
 */
final class Lab implements AutoCloseable {

    /** Time between two frames of the live views. */
    static final int FRAME_MILLIS = 250;
    /** The test images every frame measures the network on: the first ones of the test set, the same all run long. */
    static final int HELD_OUT = 1000;
    /** The most digits a confusion cell lists. */
    static final int CELL_MAX = 200;
    /** The weights picture is drawn every this many frames (it costs more than the rest of a frame). */
    static final int WEIGHTS_EVERY = 4;
    /** The most first-layer units drawn live. */
    static final int MAX_TILES = 400;
    /** Points of the curves kept; older ones are thinned out. */
    static final int MAX_POINTS = 2000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    /** Where a run stands. */
    enum State {
        IDLE, RUNNING, PAUSED, STOPPING, FINISHED, STOPPED, FAILED;

        boolean active() {
            return this == RUNNING || this == PAUSED || this == STOPPING;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A network seen while it trains, with where the run stood. */
    private record Snapshot(NeuralNetwork net, int epoch, int done, int samples, double lossSum, long trained, long nanos,
            boolean epochEnd) {
    }

    /** The confusion matrix of one network on the whole test set, with every image's answer and scores. */
    private record Atlas(NeuralNetwork net, int epoch, long trained, Evaluation eval, int[] predicted, float[] scores,
            int classes) {
    }

    private final LabPlan.Tools tools;
    private final ModelRegistry registry;
    private final Models models;
    private final QueryService queries;
    private final EventStream events = new EventStream();
    private final Thread keepAlive;
    private Run run;

    Lab(LabPlan.Tools tools, ModelRegistry registry, Models models, QueryService queries) {
        this.tools = tools;
        this.registry = registry;
        this.models = models;
        this.queries = queries;
        this.keepAlive = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(10_000);
                    events.keepAlive();
                }
            } catch (InterruptedException e) {
                // closing
            }
        }, "mynn-lab-keepalive");
        keepAlive.setDaemon(true);
        keepAlive.start();
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
        String path = r.path().substring("/api/lab/".length());
        switch (path) {
            case "options" -> {
                get(r);
                return Http.Response.json(200, LabPlan.options(tools));
            }
            case "state" -> {
                get(r);
                Run current = current();
                return Http.Response.json(200, current == null ? idle() : current.frame());
            }
            case "start" -> {
                return Http.Response.json(200, start(post(r)));
            }
            case "pause" -> {
                post(r);
                return Http.Response.json(200, active("pause").pause());
            }
            case "resume" -> {
                post(r);
                return Http.Response.json(200, active("resume").resume());
            }
            case "step" -> {
                JsonNode body = post(r);
                JsonNode n = body.get("samples");
                if (n == null || !n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 10_000_000) {
                    throw new Http.HttpError(400, "expected {\"samples\": N}, N a whole number from 1 to 10,000,000, but is " + n);
                }
                return Http.Response.json(200, active("step").step(n.asInt()));
            }
            case "stop" -> {
                post(r);
                return Http.Response.json(200, active("stop").stop());
            }
            case "lr" -> {
                JsonNode body = post(r);
                JsonNode lr = body.get("lr");
                if (lr == null || !lr.isNumber()) {
                    throw new Http.HttpError(400, "expected {\"lr\": a number}, but 'lr' is "
                            + (lr == null ? "missing" : Http.clip(lr.toString())));
                }
                double rate;
                try {
                    // the run specification's check, the one train and Start use
                    rate = tools.runs().spec().lr(lr.asDouble()).build().lr();
                } catch (org.mynn.core.SettingException e) {
                    throw new Http.HttpError(400, "'" + e.field() + "': " + e.problem());
                }
                return Http.Response.json(200, active("change the learning rate of").learningRate(rate));
            }
            case "weights.png" -> {
                get(r);
                Run current = existing();
                byte[] png = current.weightsPng;
                if (png == null) {
                    throw new Http.HttpError(404, "no weights drawn yet");
                }
                return new Http.Response(200, "image/png", png);
            }
            case "confusion" -> {
                Run current = existing();
                if (r.method().equals("POST")) {
                    post(r);
                    return Http.Response.json(200, current.confusionNow());
                }
                get(r);
                Atlas a = current.atlas;
                if (a == null) {
                    throw new Http.HttpError(404, "no confusion matrix yet: one is made after every epoch, or POST here to make"
                            + " one now");
                }
                return Http.Response.json(200, confusionJson(a, current.classes));
            }
            case "save" -> {
                return Http.Response.json(200, save(post(r)));
            }
            default -> {
                if (path.startsWith("cell")) {
                    get(r);
                    return Http.Response.json(200, cell(existing(), r.query()));
                }
                if (path.startsWith("explain/")) {
                    get(r);
                    return new Http.Response(200, "image/png", explain(existing(), path.substring("explain/".length())));
                }
                throw new Http.HttpError(404, "no such API: " + r.path());
            }
        }
    }

    /** Streams the lab's events to a page: the history so far, then every frame. */
    void subscribe(Response response, Callback callback) {
        Run current = current();
        List<String> first = new ArrayList<>();
        if (current == null) {
            first.add(EventStream.event("frame", Jsons.writeCompact(idle())));
        } else {
            first.add(EventStream.event("history", Jsons.writeCompact(current.history())));
            first.add(EventStream.event("frame", Jsons.writeCompact(current.frame())));
        }
        events.subscribe(response, callback, first);
    }

    /** @return how many pages are listening */
    int listeners() {
        return events.clients();
    }

    @Override
    public void close() {
        keepAlive.interrupt();
        Run current = current();
        if (current != null) {
            current.control.requestStop();
            current.thread.interrupt();
            try {
                current.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.close();
    }

    private synchronized Run current() {
        return run;
    }

    private Run existing() {
        Run current = current();
        if (current == null) {
            throw new Http.HttpError(404, "no training run yet: start one");
        }
        return current;
    }

    private Run active(String what) {
        Run current = current();
        if (current == null || !current.state.active()) {
            throw new Http.HttpError(409, "there is no training run under way to " + what);
        }
        return current;
    }

    private static Map<String, Object> idle() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", State.IDLE.label());
        return m;
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
        return r.body().length == 0 ? Http.parse("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) : Http.parse(r.body());
    }

    private Map<String, Object> start(JsonNode body) {
        LabPlan.Plan plan = LabPlan.read(body, tools);
        Run previous;
        synchronized (this) {
            refuseIfActive();
            previous = run;
        }
        if (previous != null) {
            // the last run's final frame goes out before the first of the next (outside the lock: it takes it to send)
            try {
                previous.frames.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            refuseIfActive();
            LabPlan.Prepared p = LabPlan.prepare(plan, tools);
            run = new Run(plan, p);
            run.begin();
            return run.frame();
        }
    }

    private void refuseIfActive() {
        if (run != null && run.state.active()) {
            throw new Http.HttpError(409, "a training run is under way (" + run.description + ", " + run.state.label()
                    + "); stop it first: one run at a time");
        }
    }

    // ---- saving ----

    private Map<String, Object> save(JsonNode body) {
        Run current = existing();
        JsonNode n = body.get("name");
        if (n == null || !n.isTextual()) {
            throw new Http.HttpError(400, "expected {\"name\": \"a file name\", \"overwrite\": false}");
        }
        String name = n.asText().trim();
        if (!name.endsWith(".json")) {
            name = name + ".json";
        }
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new Http.HttpError(400, "'name' must be a plain file name of letters, digits, '.', '_' and '-' (no folders),"
                    + " at most 80 characters, but is '" + n.asText() + "'");
        }
        boolean overwrite = body.has("overwrite") && body.get("overwrite").asBoolean(false);
        if (current.state == State.STOPPING || (current.state == State.RUNNING && !current.control.parked())) {
            throw new Http.HttpError(409, "the network is still training: pause or stop the run first, then save");
        }
        NeuralNetwork net = current.network();
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
        return m;
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

    // ---- the error atlas ----

    private Atlas atlas(NeuralNetwork net, Dataset test, int epoch, long trained) {
        int n = test.size();
        int classes = net.outputSize();
        int[] predicted = new int[n];
        float[] scores = new float[n * classes];
        Evaluation e = Evaluator.evaluate(net, test, (i, label, p, outputs) -> {
            predicted[i] = p;
            for (int k = 0; k < classes; k++) {
                scores[i * classes + k] = (float) outputs[k];
            }
        });
        return new Atlas(net, epoch, trained, e, predicted, scores, classes);
    }

    private static Map<String, Object> confusionJson(Atlas a, List<String> classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", a.epoch());
        m.put("trained", a.trained());
        m.put("accuracy", a.eval().accuracy());
        m.put("interval95", a.eval().interval95());
        m.put("classes", classes);
        m.put("matrix", a.eval().confusion());
        return m;
    }

    private Map<String, Object> cell(Run current, String query) {
        Atlas a = current.atlas;
        if (a == null) {
            throw new Http.HttpError(404, "no confusion matrix yet: one is made after every epoch, or POST /api/lab/confusion");
        }
        Map<String, String> q = Http.queryParameters(query);
        int actual = index(q, "actual", a.classes());
        int predicted = index(q, "predicted", a.classes());
        Dataset test = current.test;
        List<Map<String, Object>> digits = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == actual && a.predicted()[i] == predicted) {
                count++;
                if (digits.size() < CELL_MAX) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("index", i);
                    List<Double> s = new ArrayList<>();
                    for (int k = 0; k < a.classes(); k++) {
                        s.add(Jsons.round(a.scores()[i * a.classes() + k]));
                    }
                    d.put("scores", s);
                    d.put("pixels", Base64.getEncoder().encodeToString(test.image(i)));
                    digits.add(d);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actual", actual);
        m.put("predicted", predicted);
        m.put("count", count);
        m.put("shown", digits.size());
        m.put("epoch", a.epoch());
        m.put("digits", digits);
        return m;
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
        throw new Http.HttpError(400, "'" + name + "' must be a class from 0 to " + (classes - 1) + " but is '" + v + "'");
    }

    private byte[] explain(Run current, String index) {
        Atlas a = current.atlas;
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

    // ---- one run ----

    /** A training run and its live views. */
    private final class Run {
        final LabPlan.Plan plan;
        final LabPlan.Prepared prepared;
        final String description;
        final TrainingControl control = new TrainingControl(0, 0, null);
        final Thread thread;
        final Thread frames;
        final Dataset test;
        final Dataset heldOut;
        final List<String> classes;
        final int samples;
        final long started = System.nanoTime();
        volatile State state = State.RUNNING;
        volatile String message;
        volatile Snapshot snapshot;
        volatile NeuralNetwork finalNetwork;
        volatile Atlas atlas;
        volatile byte[] weightsPng;
        volatile double learningRate;
        private final List<Map<String, Object>> points = new ArrayList<>();
        private final List<Map<String, Object>> epochs = new ArrayList<>();
        private Map<String, Object> lastFrame;
        private int frameNumber;
        private Snapshot shown;
        private double rate = Double.NaN;
        private volatile long viewMillis;
        private double[][] backquery;

        Run(LabPlan.Plan plan, LabPlan.Prepared p) {
            this.plan = plan;
            this.prepared = p;
            this.test = p.test();
            this.heldOut = test.part(0, Math.min(HELD_OUT, test.size()));
            this.classes = p.classes();
            this.samples = p.sets().train().size();
            this.learningRate = plan.lr();
            this.description = plan.describe(p.start().layers()) + String.format(Locale.ROOT,
                    " (%,d images)", samples);
            control.watch((net, epoch, done, n, lossSum, trained) -> snapshot = new Snapshot(net, epoch, done, n, lossSum,
                    trained, System.nanoTime(), done == n));
            this.thread = new Thread(this::train, "mynn-lab-train");
            this.thread.setDaemon(true);
            this.frames = new Thread(this::watch, "mynn-lab-frames");
            this.frames.setDaemon(true);
        }

        void begin() {
            frames.start();
        }

        private void train() {
            TrainingListener listener = new TrainingListener() {
                @Override
                public void epochFinished(Provenance.Epoch e) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("epoch", e.epoch());
                    m.put("accuracy", e.accuracy());
                    if (e.accuracy() != null) {
                        m.put("interval95", org.mynn.core.train.Confidence.wilson95(Math.round(e.accuracy() * test.size()),
                                test.size()));
                    }
                    m.put("seconds", e.seconds());
                    m.put("loss", e.loss());
                    synchronized (Run.this) {
                        epochs.add(m);
                    }
                }
            };
            try {
                Trainer.Outcome o = new Trainer(prepared.settings(), listener).fit(prepared.start(), prepared.sets(),
                        prepared.epochs(), TrainingPosition.START, control);
                finalNetwork = o.network();
                state = o.position().epochsDone() < prepared.epochs() ? State.STOPPED : State.FINISHED;
            } catch (TrainingDivergedException e) {
                message = e.getMessage();
                state = State.FAILED;
            } catch (MynnException e) {
                message = e.getMessage();
                state = State.FAILED;
            } catch (RuntimeException | OutOfMemoryError e) {
                message = "training failed: " + e;
                state = State.FAILED;
            }
            frames.interrupt();
        }

        /**
         * The frames thread: first the untrained network (sample 0 of the curves; it also readies the views' code, which
         * would otherwise compete with the first seconds of training), then starts the training and asks for snapshots,
         * measures and draws them, and sends frames.
         */
        private void watch() {
            try {
                snapshot = new Snapshot(prepared.start(), 1, 0, samples, 0, 0, System.nanoTime(), false);
                see(snapshot);
                publish(true);
                // a second and third time, unseen: the views' code gets compiled now rather than while training runs
                // (on two cores, the compiler's threads would take their time from the training)
                for (int i = 0; i < 2 && state == State.RUNNING; i++) {
                    Evaluator.evaluate(prepared.start(), heldOut);
                    ModelRegistry.png(weights(prepared.start()));
                    Jsons.writeCompact(frame());
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                message = "the live views failed: " + e;
            }
            thread.start();
            while (true) {
                boolean ended = !state.active();
                if (!ended) {
                    control.requestSnapshot();
                }
                try {
                    if (!ended) {
                        // the views take at most about a twentieth of one core (on two cores, every bit they take
                        // is taken from training): slower frames when they cost more, one a second while no page looks
                        long wait = events.clients() == 0 ? 1000 : Math.max(FRAME_MILLIS, 19 * viewMillis);
                        Thread.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    // the run ended: one last frame
                }
                try {
                    Snapshot s = snapshot;
                    boolean fresh = s != null && s != shown;
                    if (fresh) {
                        long t0 = System.nanoTime();
                        see(s);
                        viewMillis = (System.nanoTime() - t0) / 1_000_000;
                    }
                    if (ended && snapshot == shown) {
                        // the run is over and its last snapshot seen: the atlas of the network it ended with
                        NeuralNetwork last = finalNetwork;
                        long trained = shown == null ? 0 : shown.trained();
                        if (last != null && (atlas == null || atlas.trained() != trained)) {
                            atlas = atlas(last, test, shown == null ? 0 : shown.epoch(), trained);
                        }
                        publish(true);
                        return;
                    }
                    publish(fresh);
                } catch (RuntimeException | OutOfMemoryError e) {
                    message = "the live views failed: " + e;
                    publish(true);
                }
            }
        }

        /** Measures and draws a snapshot (off the training thread). */
        private void see(Snapshot s) {
            Snapshot before = shown;
            shown = s;
            NeuralNetwork net = s.net();
            double heldAcc = Evaluator.evaluate(net, heldOut).accuracy();
            long dn = before == null ? s.trained() : s.trained() - before.trained();
            double loss = dn > 0 ? (s.lossSum() - (before == null ? 0 : before.lossSum())) / dn : Double.NaN;
            if (before != null && dn > 0) {
                double now = dn / ((s.nanos() - before.nanos()) / 1e9);
                rate = Double.isNaN(rate) ? now : 0.7 * rate + 0.3 * now;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("seen", s.trained());
            p.put("loss", Double.isNaN(loss) ? null : Jsons.round(loss));
            p.put("heldOut", heldAcc);
            synchronized (this) {
                if (dn > 0 || points.isEmpty()) {
                    points.add(p);
                    if (points.size() > MAX_POINTS) {
                        for (int i = points.size() - 2; i > 0; i -= 2) {
                            points.remove(i);
                        }
                    }
                }
            }
            if (net.canBackquery()) {
                double[][] bq = new double[net.outputSize()][];
                for (int k = 0; k < bq.length; k++) {
                    bq[k] = net.backquery(Targets.oneHot(k, net.outputSize()));
                }
                backquery = bq;
            }
            // the weights picture about once a second, and only while a page looks
            if (s.trained() == 0 || (events.clients() > 0 && (weightsPng == null || frameNumber % WEIGHTS_EVERY == 0
                    || !state.active()))) {
                weightsPng = ModelRegistry.png(weights(net));
            }
            if (s.epochEnd()) {
                atlas = atlas(net, test, s.epoch(), s.trained());
            }
        }

        /**
         * The first layer's units' incoming weights, 28x28 tiles side by side (one pixel each, the page scales them up),
         * red for positive, blue for negative, each tile on its own scale.
         */
        private BufferedImage weights(NeuralNetwork net) {
            org.ejml.data.DMatrixRMaj w = net.weights(0);
            int side = (int) Math.round(Math.sqrt(w.numCols));
            int units = Math.min(MAX_TILES, w.numRows);
            int cols = Math.min(20, units);
            int rows = (units + cols - 1) / cols;
            int cell = side + 1;
            int width = cols * cell + 1;
            BufferedImage out = new BufferedImage(width, rows * cell + 1, BufferedImage.TYPE_INT_RGB);
            int[] px = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
            java.util.Arrays.fill(px, 0xffffff);
            for (int u = 0; u < units; u++) {
                int base = u * w.numCols;
                double hi = 0;
                for (int i = 0; i < w.numCols; i++) {
                    hi = Math.max(hi, Math.abs(w.data[base + i]));
                }
                int x0 = (u % cols) * cell + 1;
                int y0 = (u / cols) * cell + 1;
                for (int i = 0; i < side * side && i < w.numCols; i++) {
                    px[(y0 + i / side) * width + x0 + i % side] = ColorMap.DIVERGING.rgb(w.data[base + i], -hi, hi);
                }
            }
            return out;
        }

        /** Sends a frame when there is something new: a snapshot seen, or another state or message. */
        private void publish(boolean fresh) {
            Map<String, Object> f;
            synchronized (this) {
                if (fresh) {
                    frameNumber++;
                }
                f = frame();
                if (!fresh && lastFrame != null && java.util.Objects.equals(f.get("state"), lastFrame.get("state"))
                        && java.util.Objects.equals(f.get("message"), lastFrame.get("message"))
                        && java.util.Objects.equals(f.get("learningRate"), lastFrame.get("learningRate"))) {
                    return;
                }
                lastFrame = f;
            }
            if (current() == this) {
                events.send(EventStream.event("frame", Jsons.writeCompact(f)));
            }
        }

        /** @return where the run stands, for the page */
        synchronized Map<String, Object> frame() {
            // the flags first: a run parks only after it has shown where it stands, so a frame that says "paused"
            // carries the count the run paused at (read the other way round, it could carry the one before)
            boolean paused = control.paused();
            boolean parked = control.parked();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", frameNumber);
            m.put("state", state.label());
            m.put("run", description);
            m.put("message", message);
            m.put("epochs", plan.epochs());
            m.put("samples", samples);
            m.put("learningRate", learningRate);
            m.put("batch", plan.batch());
            // where the run stands: the latest snapshot it gave (what is drawn may be a frame behind)
            Snapshot s = snapshot;
            long total = (long) plan.epochs() * samples;
            long seen = s == null ? 0 : (long) (s.epoch() - 1) * samples + s.done();
            m.put("epoch", s == null ? 1 : s.epoch());
            m.put("done", s == null ? 0 : s.done());
            m.put("trained", s == null ? 0 : s.trained());
            m.put("progress", total == 0 ? 0 : (double) seen / total);
            m.put("elapsed", Jsons.round((System.nanoTime() - started) / 1e9));
            boolean going = state == State.RUNNING && !paused;
            m.put("rate", going && !Double.isNaN(rate) ? Math.round(rate) : null);
            m.put("eta", going && !Double.isNaN(rate) && rate > 0 ? Math.round((total - seen) / rate) : null);
            m.put("point", points.isEmpty() ? null : points.get(points.size() - 1));
            m.put("epochResults", List.copyOf(epochs));
            double[][] bq = backquery;
            if (bq != null) {
                List<int[]> pics = new ArrayList<>();
                for (double[] v : bq) {
                    pics.add(grey(v));
                }
                m.put("backquery", pics);
            }
            m.put("weights", weightsPng != null);
            m.put("viewMillis", viewMillis);
            Atlas a = atlas;
            m.put("atlasEpoch", a == null ? null : a.epoch());
            m.put("atlasAccuracy", a == null ? null : a.eval().accuracy());
            m.put("canSave", (!state.active() || (state == State.RUNNING && parked)) && network() != null);
            if (state == State.RUNNING && paused) {
                // paused once the run has finished the sample (or batch) under way and waits
                m.put("state", parked ? State.PAUSED.label() : "pausing");
            }
            return m;
        }

        /** @return every point and epoch so far, for a page that opens mid-run */
        synchronized Map<String, Object> history() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("points", List.copyOf(points));
            m.put("epochResults", List.copyOf(epochs));
            return m;
        }

        /** @return the network to save or explain: the finished one, else the last seen */
        NeuralNetwork network() {
            NeuralNetwork f = finalNetwork;
            if (f != null) {
                return f;
            }
            Snapshot s = shown;
            return s == null ? null : s.net();
        }

        Map<String, Object> pause() {
            control.pause();
            control.requestSnapshot();
            return frame();
        }

        Map<String, Object> resume() {
            control.resume();
            return frame();
        }

        Map<String, Object> step(int n) {
            if (!control.paused()) {
                throw new Http.HttpError(409, "pause the run before stepping it");
            }
            int b = plan.batch();
            long rounded = ((long) n + b - 1) / b * b;
            control.requestSnapshot();
            control.step(rounded);
            Map<String, Object> m = frame();
            m.put("step", rounded);
            return m;
        }

        Map<String, Object> stop() {
            state = State.STOPPING;
            control.requestStop();
            frames.interrupt();
            return frame();
        }

        Map<String, Object> learningRate(double lr) {
            control.changeLearningRate(lr);
            learningRate = lr;
            return frame();
        }

        /** Makes the confusion matrix of the network as it stands, now. */
        Map<String, Object> confusionNow() {
            NeuralNetwork net = network();
            if (net == null) {
                throw new Http.HttpError(409, "the run has no network yet");
            }
            Snapshot s = shown;
            Atlas a = atlas(net, test, s == null ? 0 : s.epoch(), s == null ? 0 : s.trained());
            atlas = a;
            return confusionJson(a, classes);
        }
    }

    /** @return 0..255 grey levels of values in 0..1 (backquery pictures), ink high */
    private static int[] grey(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) Math.round(Math.max(0, Math.min(1, v[i])) * 255);
        }
        return out;
    }
}
