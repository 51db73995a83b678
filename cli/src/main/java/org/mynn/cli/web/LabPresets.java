package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;

/**
 * The lab's one-click experiments: the book's own, each a small sweep of runs one after the other (each on all the
 * cores it may use), and what it will take on this machine, measured before it starts.
 */
final class LabPresets {

    private static final com.fasterxml.jackson.databind.ObjectMapper TREE = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * One experiment.
     *
     * @param field  the setting it varies (a Start field)
     * @param values the values it tries, in order
     * @param base   the settings of every run but {@code field}
     */
    record Preset(String name, String title, String why, String field, List<Number> values, Map<String, Object> base) {

        /** @return the Start request of each run, with {@code samples} images when not null */
        List<ObjectNode> plans(Integer samples) {
            List<ObjectNode> out = new ArrayList<>();
            for (Number v : values) {
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                base.forEach((k, x) -> n.set(k, TREE.valueToTree(x)));
                if (field.equals("hidden")) {
                    n.putArray("hidden").add(v.intValue());
                } else {
                    n.set(field, TREE.valueToTree(v));
                }
                if (samples != null) {
                    n.put("samples", samples);
                }
                out.add(n);
            }
            return out;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("title", title);
            m.put("why", why);
            m.put("field", field);
            m.put("values", values);
            m.put("base", base);
            return m;
        }
    }

    /** The book's network for its experiments: 784-100-10, sigmoid, one epoch of all of MNIST, seed 1. */
    private static Map<String, Object> book(Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", "mnist");
        m.put("hidden", List.of(100));
        m.put("lr", 0.1);
        m.put("epochs", 1);
        m.put("seed", 1);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    static final List<Preset> ALL = List.of(
            new Preset("lr", "The book's learning-rate experiment",
                    "Chapter 2: too small a rate learns too little in one epoch, too large a one overshoots. The book"
                            + " finds the best near 0.1 to 0.3 for its 784-100-10 on one epoch.",
                    "lr", List.of(0.01, 0.05, 0.1, 0.2, 0.3, 0.6, 0.9), book()),
            new Preset("epochs", "The book's epochs experiment",
                    "Chapter 2: more passes over the data help, up to a point, then the network starts to learn the"
                            + " training images rather than digits.",
                    "epochs", List.of(1, 2, 3, 4, 5, 7), book()),
            new Preset("hidden", "The book's hidden-nodes experiment",
                    "Chapter 2: too few hidden nodes cannot hold what there is to learn; more help, at a cost in time.",
                    "hidden", List.of(5, 10, 50, 100, 200, 500), book()));

    /** Images trained to measure this machine's speed, before any run has. */
    static final int CALIBRATION = 6000;

    private final LabPlan plans;
    private volatile double weightRate = Double.NaN;

    LabPresets(LabPlan plans) {
        this.plans = plans;
    }

    /** @return the preset of that name; @throws Http.HttpError 404 when there is none */
    static Preset named(String name) {
        for (Preset p : ALL) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new Http.HttpError(404, "no preset '" + Http.clip(name) + "'; the presets are "
                + ALL.stream().map(Preset::name).toList());
    }

    /** Takes a run's speed into the estimates: weights times images trained per second. */
    void measured(double weightsTimesImagesPerSecond) {
        if (weightsTimesImagesPerSecond > 0 && Double.isFinite(weightsTimesImagesPerSecond)) {
            weightRate = weightsTimesImagesPerSecond;
        }
    }

    /**
     * @return how long the runs will take on this machine, in seconds: their weights times images over the speed of
     *         the last run (or, before any, of 6,000 images trained just now, after 6,000 to warm up), plus measuring each epoch on the test set
     */
    double estimate(List<ObjectNode> runs) {
        if (Double.isNaN(weightRate)) {
            calibrate();
        }
        double seconds = 0;
        for (ObjectNode r : runs) {
            LabPlan.Plan p = plans.read(r);
            int samples = r.has("samples") ? r.get("samples").asInt() : 60_000;
            long weights = weights(p.spec());
            // training, then each epoch the whole test set measured (about a third of training's cost an image)
            seconds += (double) weights * p.epochs() * (samples + 10_000 / 3.0) / weightRate + 1.0;
        }
        return seconds;
    }

    /** @return the weights of the network a run trains on 784 inputs and 10 classes */
    static long weights(RunSpec spec) {
        long w = 0;
        int before = 784;
        for (int h : spec.hidden()) {
            w += (long) before * h;
            before = h;
        }
        return w + before * 10L;
    }

    private void calibrate() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("samples", CALIBRATION);
        n.putArray("hidden").add(100);
        n.put("epochs", 1);
        n.put("seed", 1);
        JsonNode body = n;
        LabPlan.Plan plan = plans.read(body);
        LabPlan.Prepared p = plans.prepare(plan);
        double s = 0;
        // twice: the first gets the kernels compiled, the second is timed
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            plans.runs().trainer(p.settings(), TrainingListener.NONE).fit(p.start(), p.sets(), 1, TrainingPosition.START,
                    new TrainingControl(0, 0, null));
            s = (System.nanoTime() - t0) / 1e9;
        }
        measured(weights(plan.spec()) * CALIBRATION / s);
    }
}
