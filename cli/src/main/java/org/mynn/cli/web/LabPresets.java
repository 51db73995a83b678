package org.mynn.cli.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
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
     * One run of an experiment: what it is called on the page and its chart, the Start fields it sets over the
     * experiment's base, and why (for the steps of a ladder).
     *
     * @param label the run's name on the chart's axis, e.g. "0.1" or "+ momentum"
     * @param value where it stands on the chart's x axis: the setting a sweep varies, a ladder's step number
     * @param set   the Start fields it sets, over the base
     * @param why   what the step changes and what it should do, in two lines; null for a sweep's value
     */
    record Step(String label, Number value, Map<String, Object> set, String why) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("value", value);
            m.put("set", set);
            m.put("why", why);
            return m;
        }
    }

    /**
     * One experiment: a sweep of one setting (accuracy against it), or a ladder of steps that each change several
     * (accuracy per step).
     *
     * @param field   the setting a sweep varies (a Start field, or "augment" for a rotation angle); "step" for a ladder
     * @param axis    the chart's x axis, e.g. "learning rate"
     * @param steps   the runs, in order
     * @param base    the settings of every run, under each step's own
     * @param samples the images each run trains on unless the request says (null: all of them)
     */
    record Preset(String name, String title, String why, String field, String axis, List<Step> steps,
            Map<String, Object> base, Integer samples) {

        /** @return whether its runs are steps (a categorical axis) rather than values of one setting */
        boolean ladder() {
            return field.equals(LADDER);
        }

        /** @return where each run stands on the chart's x axis */
        List<Number> values() {
            return steps.stream().map(Step::value).toList();
        }

        /** @return the Start request of each run, with {@code samples} images when not null (else the preset's own) */
        List<ObjectNode> plans(Integer samples) {
            Integer n = samples != null ? samples : this.samples;
            List<ObjectNode> out = new ArrayList<>();
            for (Step s : steps) {
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                base.forEach((k, x) -> r.set(k, TREE.valueToTree(x)));
                s.set().forEach((k, x) -> {
                    if (x == null) {
                        r.remove(k);
                    } else {
                        r.set(k, TREE.valueToTree(x));
                    }
                });
                if (n != null) {
                    r.put("samples", n);
                }
                out.add(r);
            }
            return out;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("title", title);
            m.put("why", why);
            m.put("kind", ladder() ? "ladder" : "sweep");
            m.put("field", field);
            m.put("axis", axis);
            m.put("values", values());
            m.put("labels", steps.stream().map(Step::label).toList());
            m.put("steps", steps.stream().map(Step::json).toList());
            m.put("base", base);
            m.put("samples", samples);
            return m;
        }
    }

    /** The field of a ladder's runs: its step number. */
    static final String LADDER = "step";

    /** @return a sweep of {@code field} over {@code values}, each run setting it ("hidden" as one hidden layer) */
    private static Preset sweep(String name, String title, String why, String field, String axis, List<Number> values,
            Map<String, Object> base) {
        List<Step> steps = new ArrayList<>();
        for (Number v : values) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put(field, field.equals("hidden") ? List.of(v.intValue()) : v);
            steps.add(new Step(String.valueOf(v), v, set, null));
        }
        return new Preset(name, title, why, field, axis, List.copyOf(steps), base, null);
    }

    /** The rotation angles of the book's rotated-copies experiment, in degrees (0: no copies). */
    static final List<Integer> ANGLES = List.of(0, 5, 10, 15, 20, 30);

    /** @return the book's rotated-copies experiment: each image and two copies rotated by +-angle */
    private static Preset rotations() {
        List<Step> steps = new ArrayList<>();
        for (int a : ANGLES) {
            Map<String, Object> set = new LinkedHashMap<>();
            // no copies at 0 degrees: the plain run the others are measured against
            set.put("augment", a == 0 ? null : "rotate:" + a);
            steps.add(new Step(a + "\u00b0", a, set, null));
        }
        return new Preset("rotate", "The book's rotated copies",
                "Chapter 3: every training image and two copies rotated by +-angle (a 784-200-10 at lr 0.01, 10 epochs)."
                        + " The book reaches 0.9775 with 10 degrees; much larger angles make digits that are no longer"
                        + " good examples, and accuracy falls. Here on 10,000 images, so it takes a minute or two.",
                "augment", "rotation angle (degrees)", List.copyOf(steps),
                book("hidden", List.of(200), "lr", 0.01, "epochs", 10), ROTATE_SAMPLES);
    }

    /** The images each run of the rotated-copies preset trains on (before its copies), unless the request says. */
    static final int ROTATE_SAMPLES = 10_000;

    private static Step step(String label, String why, Object... set) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < set.length; i += 2) {
            m.put((String) set[i], set[i + 1]);
        }
        return new Step(label, null, m, why);
    }

    /** @return the ladder past the book: from the book's 784-200-10 to Simard's 784-800-10, one idea a step */
    private static Preset ladder() {
        List<Step> s = List.of(
                step("the book", "The book's 784-200-10: sigmoid, squared error, no biases, one image at a time at lr"
                        + " 0.1. In 5 epochs it reaches 0.9746."),
                step("+ CE, biases", "Cross-entropy loss keeps learning where a saturated sigmoid would stall under"
                        + " squared error; a bias lets each node move its threshold.", "loss", "cross-entropy", "bias",
                        true),
                step("+ momentum", "Mini-batches of 10 with momentum (lr 0.05): steps averaged over 10 images, kept"
                        + " going in the direction they were going. 0.9809 in 5 epochs.", "loss", "cross-entropy",
                        "bias", true, "optimizer", "momentum", "batch", 10, "lr", 0.05),
                step("+ relu, cosine", "Relu hidden nodes, which do not saturate, with He's initial weights; softmax"
                        + " outputs; a rate falling to zero along a cosine, so the last steps settle.", "loss",
                        "cross-entropy", "bias", true, "optimizer", "momentum", "batch", 10, "lr", 0.02, "activation",
                        "relu", "init", "he", "output", "softmax", "schedule", "cosine"),
                step("+ 800, float", "Simard's 784-800-10: four times the hidden nodes, in float (twice as fast an"
                        + " operation). They pay over more epochs: 0.985 in 14.", "loss", "cross-entropy", "bias", true,
                        "optimizer", "momentum", "batch", 10, "lr", 0.02, "activation", "relu", "init", "he", "output",
                        "softmax", "schedule", "cosine", "hidden", List.of(800), "precision", "float"),
                step("+ elastic", "Every image bent afresh every epoch (Simard's elastic distortions 34, 4): new digits"
                        + " each pass, so it needs more of them: 10 here, 0.991 after 100.", "loss", "cross-entropy",
                        "bias", true, "optimizer", "momentum", "batch", 10, "lr", 0.02, "activation", "relu", "init",
                        "he", "output", "softmax", "schedule", "cosine", "hidden", List.of(800), "precision", "float",
                        "augment", "elastic:34:4", "epochs", 10));
        List<Step> numbered = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            numbered.add(new Step(s.get(i).label(), i + 1, s.get(i).set(), s.get(i).why()));
        }
        return new Preset("ladder", "The ladder past the book",
                "From the book's network to Simard's 784-800-10, one idea a step (docs/past-the-book.md), each its own"
                        + " run on all of MNIST. Here 3 epochs a step (10 with distortions), so it takes a few minutes;"
                        + " more epochs go higher.",
                LADDER, "step", List.copyOf(numbered), book("hidden", List.of(200), "epochs", 3), null);
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
            sweep("lr", "The book's learning-rate experiment",
                    "Chapter 2: too small a rate learns too little in one epoch, too large a one overshoots. The book"
                            + " finds the best near 0.1 to 0.3 for its 784-100-10 on one epoch.",
                    "lr", "learning rate", List.of(0.01, 0.05, 0.1, 0.2, 0.3, 0.6, 0.9), book()),
            sweep("epochs", "The book's epochs experiment",
                    "Chapter 2: more passes over the data help, up to a point, then the network starts to learn the"
                            + " training images rather than digits.",
                    "epochs", "epochs", List.of(1, 2, 3, 4, 5, 7), book()),
            sweep("hidden", "The book's hidden-nodes experiment",
                    "Chapter 2: too few hidden nodes cannot hold what there is to learn; more help, at a cost in time.",
                    "hidden", "hidden nodes", List.of(5, 10, 50, 100, 200, 500), book()),
            rotations(),
            ladder());

    /** Weights times images trained to measure a kind of run's speed on this machine, before any run of it has. */
    static final long CALIBRATION_WORK = 20_000L * 79_510;

    /**
     * What a kind of run costs on this machine.
     *
     * @param weightRate weights times images trained per second
     * @param copies     training images per image given (2 more for each rotated copy; 1 without copies)
     * @param prepare    seconds to make the training data ready, per image given (the copies made)
     */
    record Speed(double weightRate, double copies, double prepare) {
    }

    private final LabPlan plans;
    /** by {@link LabPlan.Plan#cost()}: the settings that change what an image costs */
    private final Map<String, Speed> speeds = new ConcurrentHashMap<>();
    /** whether a kind of run has been measured in this server, the kernels compiled */
    private volatile boolean warm;

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

    /** Takes an ended run's speed into the estimates of runs of its kind: weights times images trained per second. */
    void measured(LabPlan.Plan plan, double weightsTimesImagesPerSecond) {
        if (plan.cost() == null || !(weightsTimesImagesPerSecond > 0) || !Double.isFinite(weightsTimesImagesPerSecond)) {
            return;
        }
        speeds.compute(plan.cost(), (k, s) -> s != null ? new Speed(weightsTimesImagesPerSecond, s.copies(), s.prepare())
                // a run without copies: one training image an image given, nothing made before it starts
                : plan.copies() ? null : new Speed(weightsTimesImagesPerSecond, 1, 0));
    }

    /** @return what a kind of run was measured to cost, null before it was */
    Speed speed(LabPlan.Plan plan) {
        return speeds.get(plan.cost());
    }

    /** @return how long the runs will take on this machine, in seconds; see {@link #estimates} */
    double estimate(List<ObjectNode> runs) {
        return estimates(runs).stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * @return how long each run will take on this machine, in seconds: making its data (the copies), then its weights
     *         times the images it trains on (its copies too) over the speed of its kind of run (the last run of that
     *         kind, or, before any, a few thousand images of it trained just now after as many to warm up), plus
     *         measuring each epoch on the test set
     */
    List<Double> estimates(List<ObjectNode> runs) {
        List<Double> out = new ArrayList<>();
        for (ObjectNode r : runs) {
            LabPlan.Plan p = plans.read(r);
            Speed speed = speeds.get(p.cost());
            if (speed == null) {
                if (!warm) {
                    // the first measure of a server is taken while the compiler has everything to do: once more
                    calibrate(r, p);
                    warm = true;
                }
                speed = calibrate(r, p);
                speeds.put(p.cost(), speed);
            }
            int samples = r.has("samples") ? r.get("samples").asInt() : 60_000;
            long weights = weights(p.spec());
            // training, then each epoch the whole test set measured (about a third of training's cost an image)
            out.add(speed.prepare() * samples
                    + (double) weights * p.epochs() * (samples * speed.copies() + 10_000 / 3.0) / speed.weightRate() + 1.0);
        }
        return out;
    }

    /** @return the weights of the network a run trains on 784 inputs and 10 classes */
    static long weights(RunSpec spec) {
        return weights(spec.layerSizes(784, 10, "the lab's data"));
    }

    /** @return the weights of a network of these layers (inputs first, outputs last) */
    static long weights(int[] layers) {
        long w = 0;
        for (int i = 1; i < layers.length; i++) {
            w += (long) layers[i - 1] * layers[i];
        }
        return w;
    }

    /**
     * Measures a kind of run: its data made and one epoch trained on a few thousand images, again while the passes
     * still get faster (the first gets the kernels compiled and the data loaded); the fastest pass counts.
     */
    private Speed calibrate(ObjectNode r, LabPlan.Plan plan) {
        int images = (int) Math.max(1000, Math.min(12_000, CALIBRATION_WORK / weights(plan.spec())));
        ObjectNode n = r.deepCopy();
        n.put("samples", images);
        n.put("epochs", 1);
        n.remove("validation");
        n.remove("keep");
        LabPlan.Plan small = plans.read(n);
        double seconds = Double.POSITIVE_INFINITY;
        double prepare = Double.POSITIVE_INFINITY;
        int trained = 0;
        // at least three passes, more while they still get faster by a tenth (the compiler at work), at most eight
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            LabPlan.Prepared p = plans.prepare(small);
            long t1 = System.nanoTime();
            // training alone: the estimate counts measuring the test set itself
            plans.runs().trainer(p.settings(), TrainingListener.NONE).fit(p.start(),
                    new Trainer.Sets(p.sets().train(), null, null), 1, TrainingPosition.START, new TrainingControl(0, 0, null));
            double s = (System.nanoTime() - t1) / 1e9;
            prepare = Math.min(prepare, (t1 - t0) / 1e9);
            trained = p.sets().train().size();
            boolean faster = s < 0.9 * seconds;
            seconds = Math.min(seconds, s);
            if (i >= 2 && !faster) {
                break;
            }
        }
        return new Speed(weights(small.spec()) * trained / seconds, (double) trained / images, prepare / images);
    }
}
