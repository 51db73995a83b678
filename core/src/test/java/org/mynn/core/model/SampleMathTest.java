package org.mynn.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.loss.Loss;
import org.mynn.testing.Requires;

/**
 * {@link SampleMath} against an outside reference: the same sample through the same weights in numpy
 * ({@code sample_math.py}, written from the book's formulas, not from mynn's code), for the book's network (sigmoid,
 * mean squared error, no biases, the book's rule), a deeper one under the gradient rule, and softmax with
 * cross-entropy and biases.
 */
class SampleMathTest {

    static final ActivationRegistry ACTS = ActivationRegistry.load();

    @TempDir
    Path dir;

    private record Case(String name, NeuralNetwork net, String hidden, String output, double[] x, int label, double lr,
            BackpropRule rule) {
    }

    @Test
    void everyNumberAgreesWithNumpy() throws Exception {
        Requires.python("numpy");
        List<Case> cases = new ArrayList<>();
        cases.add(make("book", new int[] {12, 7, 4}, "sigmoid", "sigmoid", Loss.MSE, false, BackpropRule.BOOK, 0.3, 1));
        cases.add(make("deep", new int[] {9, 6, 5, 4}, "tanh", "sigmoid", Loss.MSE, false, BackpropRule.GRADIENT, 0.2, 2));
        cases.add(make("deepbook", new int[] {9, 6, 5, 4}, "sigmoid", "sigmoid", Loss.MSE, true, BackpropRule.BOOK, 0.1, 3));
        cases.add(make("softmax", new int[] {10, 8, 5}, "relu", "softmax", new CrossEntropy(), true,
                BackpropRule.GRADIENT, 0.05, 4));
        Map<String, double[]> ref = numpy(cases);
        for (Case c : cases) {
            double[] t = SampleMath.targets(c.net(), c.label());
            SampleMath.Result r = SampleMath.of(c.net(), c.x(), t, c.lr(), c.rule(), 5);
            String n = c.name() + "/";
            for (SampleMath.Layer l : r.layers()) {
                int k = l.k();
                assertClose(n + "z" + k, l.signals(), ref.get(n + "z" + k));
                assertClose(n + "a" + (k + 1), l.outputs(), ref.get(n + "a" + (k + 1)));
                assertClose(n + "e" + (k + 1), l.error(), ref.get(n + "e" + (k + 1)));
                assertClose(n + "d" + k, l.delta(), ref.get(n + "d" + k));
                assertThat(l.changeNorm()).as(n + "dwnorm" + k).isCloseTo(ref.get(n + "dwnorm" + k)[0], within(1e-12));
                assertThat(Math.abs(l.largest().get(0).change())).as(n + "dwmax" + k)
                        .isCloseTo(ref.get(n + "dwmax" + k)[0], within(1e-14));
                assertThat(l.largest()).hasSize(5);
            }
            assertThat(r.value()).as(n + "loss").isCloseTo(ref.get(n + "loss")[0], within(1e-12));
            assertClose(n + "after", r.outputsAfter(), ref.get(n + "after"));
            assertThat(r.valueAfter()).as(n + "lossafter").isCloseTo(ref.get(n + "lossafter")[0], within(1e-12));
            // one step on the sample makes its loss smaller at these small rates
            assertThat(r.valueAfter()).as(n + "the step lowers the loss").isLessThan(r.value());
        }
    }

    @Test
    void theInputsAreThoseGivenAndTheLargestChangesAreInOrder() {
        Case c = make("book", new int[] {12, 7, 4}, "sigmoid", "sigmoid", Loss.MSE, false, BackpropRule.BOOK, 0.3, 1);
        SampleMath.Result r = SampleMath.of(c.net(), c.x(), SampleMath.targets(c.net(), 2), 0.3, BackpropRule.BOOK, 100);
        assertThat(r.layers().get(0).inputs()).containsExactly(c.x());
        assertThat(r.targets()).containsExactly(0.01, 0.01, 0.99, 0.01);
        List<SampleMath.Change> top = r.layers().get(0).largest();
        assertThat(top).hasSize(84);
        for (int i = 1; i < top.size(); i++) {
            assertThat(Math.abs(top.get(i).change())).isLessThanOrEqualTo(Math.abs(top.get(i - 1).change()));
        }
        SampleMath.Change first = top.get(0);
        assertThat(first.weight()).isEqualTo(c.net().weights(0).get(first.row(), first.col()));
    }

    @Test
    void afterIsTheBookStepBitForBit() {
        Case c = make("book", new int[] {12, 7, 4}, "sigmoid", "sigmoid", Loss.MSE, false, BackpropRule.BOOK, 0.3, 1);
        double[] t = SampleMath.targets(c.net(), 3);
        SampleMath.Result r = SampleMath.of(c.net(), c.x(), t, 0.3, BackpropRule.BOOK, 3);
        // the book's own step: NeuralNetwork.train of a network that records the rate 0.3
        NeuralNetwork copy = c.net().with(c.net().allWeights(), 0.3, c.net().provenance());
        copy.train(c.x(), t);
        assertThat(r.outputsAfter()).containsExactly(copy.query(c.x()));
        // and the network measured is not changed
        assertThat(c.net().query(c.x())).containsExactly(r.outputs());
    }

    private static Case make(String name, int[] layers, String hidden, String output, Loss loss, boolean biases,
            BackpropRule rule, double lr, long seed) {
        List<Activation> acts = new ArrayList<>();
        for (int k = 0; k < layers.length - 2; k++) {
            acts.add(ACTS.get(hidden));
        }
        acts.add(ACTS.get(output));
        NeuralNetwork net = NeuralNetwork.builder(layers).activations(acts).loss(loss).biases(biases).rule(rule)
                .seed(seed).learningRate(0.1).build();
        if (biases) {
            // non-zero biases, so that they count
            double[][] b = net.allBiases();
            Random r = new Random(seed);
            for (double[] v : b) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextGaussian() * 0.3;
                }
            }
            net = net.wrapLike(net.allWeights(), b, net.learningRate(), net.provenance());
        }
        Random r = new Random(seed * 31);
        double[] x = new double[layers[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(256) / 255.0 * 0.99 + 0.01;
        }
        return new Case(name, net, hidden, output, x, (int) (seed % layers[layers.length - 1]), lr, rule);
    }

    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(expected).as(what + " (missing in numpy's answer)").isNotNull();
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i], within(1e-12));
        }
    }

    private Map<String, double[]> numpy(List<Case> cases) throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (Case c : cases) {
            NeuralNetwork net = c.net();
            int[] l = net.layers();
            in.append(c.name()).append(' ').append(c.hidden()).append(' ').append(c.output()).append(' ')
                    .append(net.loss().name()).append(' ').append(net.hasBiases()).append(' ').append(c.rule().label())
                    .append(' ').append(Double.toHexString(c.lr())).append(' ').append(net.depth());
            for (int s : l) {
                in.append(' ').append(s);
            }
            List<double[]> arrays = new ArrayList<>();
            arrays.add(c.x());
            arrays.add(SampleMath.targets(net, c.label()));
            for (int k = 0; k < net.depth(); k++) {
                arrays.add(net.weights(k).data);
            }
            if (net.hasBiases()) {
                for (int k = 0; k < net.depth(); k++) {
                    arrays.add(net.biases(k));
                }
            }
            for (double[] a : arrays) {
                for (double v : a) {
                    in.append(' ').append(Double.toHexString(v));
                }
            }
            in.append('\n');
        }
        Path input = dir.resolve("cases.txt");
        Path output = dir.resolve("results.txt");
        Path script = dir.resolve("sample_math.py");
        Path errors = dir.resolve("stderr.txt");
        Files.writeString(input, in, StandardCharsets.UTF_8);
        try (InputStream s = getClass().getResourceAsStream("sample_math.py")) {
            Files.copy(s, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), input.toString(), output.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sample_math.py took more than 120 s");
        }
        assertThat(p.exitValue()).as(Files.readString(errors, StandardCharsets.UTF_8)).isZero();
        Map<String, double[]> out = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            String[] tok = line.trim().split(" ");
            double[] v = new double[tok.length - 1];
            for (int i = 1; i < tok.length; i++) {
                v[i - 1] = Double.parseDouble(tok[i]);
            }
            out.put(tok[0], v);
        }
        return out;
    }
}
