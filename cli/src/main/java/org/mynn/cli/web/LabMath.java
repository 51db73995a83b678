package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.SampleMath;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Encoding;

/**
 * The lab's math of one sample ({@code GET /api/lab/math?index=I}, {@code POST /api/lab/math} with
 * {@code {"index": I}} or {@code {"pixels": [784 values 0..255], "label": L}}; {@code POST /api/lab/math/step}, the
 * same body, takes the step for real on a paused run): {@link SampleMath} of the run's network as it stands, with the
 * run's learning rate and rule, as JSON for the page.
 */
final class LabMath {

    /** How many of each weight matrix's largest changes the page is given. */
    static final int LARGEST = 8;
    private static final MathContext DIGITS = new MathContext(6);

    private LabMath() {
    }

    /** A sample: its pixels (0..255), its label and where it came from. */
    record Sample(byte[] pixels, int label, String source) {
    }

    /** @return the sample a request names: {@code index} of the run's test set, or drawn {@code pixels} with a label */
    static Sample sample(LabRun run, Map<String, String> query, JsonNode body) {
        String index = query.get("index");
        if (body != null && body.has("index")) {
            index = body.get("index").asText();
        }
        if (body != null && body.has("pixels")) {
            JsonNode l = body.get("label");
            if (l == null || !l.isIntegralNumber() || l.asInt() < 0 || l.asInt() >= run.classes.size()) {
                throw new Http.HttpError(400, "'label' must be the drawing's class, a whole number from 0 to "
                        + (run.classes.size() - 1) + ", but is " + (l == null ? "missing" : Http.clip(l.toString())));
            }
            return new Sample(pixels(body.get("pixels"), run.test.pixelsPerImage()), l.asInt(), "your drawing");
        }
        if (index == null) {
            throw new Http.HttpError(400, "expected ?index=I (a test image), or {\"index\": I} or {\"pixels\": [...],"
                    + " \"label\": L} as the body");
        }
        int i;
        try {
            i = Integer.parseInt(index.trim());
        } catch (NumberFormatException e) {
            throw new Http.HttpError(400, "'index' must be a test image's number but is '" + Http.clip(index) + "'");
        }
        if (i < 0 || i >= run.test.size()) {
            throw new Http.HttpError(400, "'index': the test set has images 0 to " + (run.test.size() - 1) + ", not " + i);
        }
        return new Sample(run.test.image(i), run.test.label(i), run.test.name() + " #" + i);
    }

    private static byte[] pixels(JsonNode p, int n) {
        if (p == null || !p.isArray()) {
            throw new Http.HttpError(400, "'pixels' must be an array of " + n + " numbers from 0 to 255");
        }
        if (p.size() != n) {
            throw new Http.HttpError(400, "'pixels' must have " + n + " values but has " + p.size());
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            JsonNode v = p.get(i);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 255) {
                throw new Http.HttpError(400, "'pixels[" + i + "]' must be a number from 0 to 255 but is " + Http.clip(v.toString()));
            }
            out[i] = (byte) Math.round(v.asDouble());
        }
        return out;
    }

    /** @return the math of {@code s} through the run's network as it stands */
    static Map<String, Object> of(LabRun run, Sample s) {
        NeuralNetwork net = run.latest();
        if (net == null) {
            throw new Http.HttpError(409, "the run has no network yet");
        }
        return json(run, net, s, SampleMath.of(net, Encoding.inputs(s.pixels()), SampleMath.targets(net, s.label()),
                run.stepRate(), run.prepared.settings().rule(), LARGEST));
    }

    /**
     * Takes the step for real: the paused run trains the sample with its own step.
     *
     * @return the math of the sample through the network after the step, and how the step went
     */
    static Map<String, Object> step(LabRun run, Sample s) {
        if (!run.parked()) {
            throw new Http.HttpError(409, "pause the run first: a step on one sample is taken only on a paused run (this"
                    + " run is " + run.stateLabel() + ")");
        }
        NeuralNetwork before = run.latest();
        double[] x = Encoding.inputs(s.pixels());
        SampleMath.Result predicted = SampleMath.of(before, x, SampleMath.targets(before, s.label()), run.stepRate(),
                run.prepared.settings().rule(), 0);
        NeuralNetwork after;
        try {
            after = run.control.trainSample(x, s.label()).get(30, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            throw new Http.HttpError(409, "pause the run first: a step on one sample is taken only on a paused run ("
                    + e.getMessage() + ")");
        } catch (ExecutionException e) {
            throw new Http.HttpError(409, "the step failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new Http.HttpError(503, "the run did not take the step within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.HttpError(503, "interrupted while the run took the step");
        }
        SampleMath.Result now = SampleMath.of(after, x, SampleMath.targets(after, s.label()), run.stepRate(),
                run.prepared.settings().rule(), LARGEST);
        Map<String, Object> m = json(run, after, s, now);
        Map<String, Object> step = new LinkedHashMap<>();
        double[] was = predicted.outputs();
        double[] is = now.outputs();
        step.put("outputsBefore", round(was));
        step.put("outputsAfter", round(is));
        step.put("lossBefore", sig(predicted.value()));
        step.put("lossAfter", sig(now.value()));
        step.put("predictedLossAfter", sig(predicted.valueAfter()));
        step.put("asPredicted", java.util.Arrays.equals(predicted.outputsAfter(), is));
        m.put("stepped", step);
        return m;
    }

    private static Map<String, Object> json(LabRun run, NeuralNetwork net, Sample s, SampleMath.Result r) {
        TrainingSettings settings = run.prepared.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("label", s.label());
        m.put("className", run.classes.get(s.label()));
        int[] px = new int[s.pixels().length];
        for (int i = 0; i < px.length; i++) {
            px[i] = s.pixels()[i] & 0xff;
        }
        m.put("pixels", px);
        m.put("testSize", run.test.size());
        m.put("shape", net.shape());
        m.put("loss", r.loss());
        m.put("biases", r.biases());
        m.put("rule", r.rule().label());
        m.put("learningRate", r.learningRate());
        m.put("optimizer", settings.optimizerSpec());
        m.put("bookStep", settings.bookStep());
        Map<String, Object> frame = run.frame();
        m.put("trained", frame.get("trained"));
        m.put("state", frame.get("state"));
        m.put("canStep", run.parked());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (SampleMath.Layer l : r.layers()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("k", l.k());
            j.put("from", l.inputs().length);
            j.put("to", l.outputs().length);
            j.put("activation", l.activation());
            j.put("inputs", round(l.inputs()));
            j.put("signals", round(l.signals()));
            j.put("outputs", round(l.outputs()));
            j.put("error", round(l.error()));
            j.put("delta", round(l.delta()));
            j.put("weightNorm", sig(l.weightNorm()));
            j.put("changeNorm", sig(l.changeNorm()));
            j.put("biasChangeNorm", sig(l.biasChangeNorm()));
            List<Map<String, Object>> top = new ArrayList<>();
            for (SampleMath.Change c : l.largest()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("row", c.row());
                t.put("col", c.col());
                t.put("weight", sig(c.weight()));
                t.put("change", sig(c.change()));
                top.add(t);
            }
            j.put("largest", top);
            layers.add(j);
        }
        m.put("layers", layers);
        m.put("targets", round(r.targets()));
        m.put("outputs", round(r.outputs()));
        m.put("predicted", Evaluator.argmax(r.outputs()));
        m.put("value", sig(r.value()));
        m.put("outputsAfter", round(r.outputsAfter()));
        m.put("predictedAfter", Evaluator.argmax(r.outputsAfter()));
        m.put("valueAfter", sig(r.valueAfter()));
        return m;
    }

    /** @return {@code v} to 6 significant digits (the changes of one step are small), null when not a number */
    static Double sig(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return v == 0 ? 0.0 : new BigDecimal(v).round(DIGITS).doubleValue();
    }

    private static Double[] round(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = sig(v[i]);
        }
        return out;
    }
}
