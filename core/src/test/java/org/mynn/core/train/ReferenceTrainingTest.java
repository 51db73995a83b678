package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.activation.Activation;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Targets;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * mynn's training held against an outside reference: {@code reference_train.py} beside this class trains the same
 * network from the same weights on the same samples in the same order with numpy in float64, written from the
 * literature's formulas (true-gradient backpropagation, biases, softmax with cross-entropy, mini-batches averaged over
 * their size, SGD, momentum, Nesterov and Adam as their papers state them), and mynn's weights and biases must be its
 * own after three mini-batches (or 24 samples one by one), after the first epoch and after the second.
 *
 * <p>Every case is a two-hidden-layer network, 16-12-8-4, on 124 made-up samples (with batch 8 the last batch of an
 * epoch holds 4 samples). The cases of the gradient rule are a pairwise selection: every hidden activation with every
 * optimizer, and each of biases, loss, batch and order with both of its values against every activation, every
 * optimizer and every other of those four. All cases are computed by one python run, the first time one is needed.
 */
// waits on python3 (120 s at most) for numpy's reference results; about 2 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReferenceTrainingTest {

    /**
     * Double precision: mynn and numpy add the same products in other orders, so the weights may differ by rounding
     * only (about 1e-15 after these few hundred steps); a real difference of formula is orders of magnitude larger.
     */
    static final double DOUBLE_TOLERANCE = 1e-9;
    /** Float precision against numpy's float64: relative, {@code |mynn - numpy| <= FLOAT_TOLERANCE * max(1, |numpy|)}. */
    static final double FLOAT_TOLERANCE = 1e-4;
    /** Training must move the weights by at least this much, so that agreement to the tolerance means something. */
    static final double MOVED_AT_LEAST = 1e-3;

    static final int[] SIZES = {16, 12, 8, 4};
    static final int SAMPLES = 124;
    static final int EPOCHS = 2;
    /** The first snapshot: after this many samples of the first epoch (three batches of 8). */
    static final int EARLY = 24;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MadeUp DATA = new MadeUp(SAMPLES);
    private static Map<String, JsonNode> numpy;
    private static String numpyFailure;

    /**
     * One configuration.
     *
     * @param hidden     the activations of the hidden layers (the output layer's follows from the loss)
     * @param loss       "mse" (sigmoid output) or "cross-entropy" (softmax output)
     * @param optimizer  as on the command line, e.g. "nesterov:0.8"
     */
    record Case(BackpropRule rule, int[] sizes, List<String> hidden, String loss, boolean biases, String optimizer, double lr,
            int batch, Order order, Precision precision, long seed) {

        String name() {
            return String.format(Locale.ROOT, "%s rule, %s-%s, %s, %s, %s lr %s, batch %d, %s order, %s",
                    rule.label(), String.join("-", hidden), output(), loss, biases ? "biases" : "no biases", optimizer,
                    lr, batch, order.label(), precision.label());
        }

        String output() {
            return loss.equals("mse") ? "sigmoid" : "softmax";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static double rate(String optimizer) {
        if (optimizer.startsWith("adam")) {
            return 0.01;
        }
        return optimizer.equals("sgd") ? 0.2 : 0.05;
    }

    static Case gradient(String hidden, String loss, boolean biases, String optimizer, int batch, Order order, long seed) {
        String[] h = hidden.split(",");
        return new Case(BackpropRule.GRADIENT, SIZES, List.of(h[0], h.length > 1 ? h[1] : h[0]), loss, biases, optimizer,
                rate(optimizer), batch, order, Precision.DOUBLE, seed);
    }

    static final String MSE = "mse";
    static final String CE = "cross-entropy";
    static final Order FILE = Order.FILE;
    static final Order SHUFFLE = Order.SHUFFLE;

    /** The pairwise selection (see the class comment), and two networks with different hidden activations. */
    static Stream<Case> gradientCases() {
        return Stream.of(
                gradient("sigmoid", MSE, true, "sgd", 1, SHUFFLE, 101),
                gradient("sigmoid", MSE, true, "momentum", 8, FILE, 102),
                gradient("sigmoid", MSE, false, "nesterov:0.8", 1, FILE, 103),
                gradient("sigmoid", CE, true, "adam", 8, SHUFFLE, 104),
                gradient("tanh", MSE, true, "sgd", 1, FILE, 105),
                gradient("tanh", MSE, false, "momentum", 8, FILE, 106),
                gradient("tanh", CE, false, "nesterov:0.8", 8, SHUFFLE, 107),
                gradient("tanh", CE, true, "adam:0.85:0.99:1e-7", 1, FILE, 108),
                gradient("relu", CE, true, "sgd", 8, FILE, 109),
                gradient("relu", CE, true, "momentum", 1, SHUFFLE, 110),
                gradient("relu", MSE, false, "nesterov:0.8", 8, SHUFFLE, 111),
                gradient("relu", MSE, true, "adam", 8, SHUFFLE, 112),
                gradient("leaky-relu", CE, true, "sgd", 1, FILE, 113),
                gradient("leaky-relu", MSE, false, "momentum", 8, SHUFFLE, 114),
                gradient("leaky-relu", CE, false, "nesterov:0.8", 8, FILE, 115),
                gradient("leaky-relu", CE, false, "adam", 1, SHUFFLE, 116),
                gradient("softplus", CE, false, "sgd", 1, SHUFFLE, 117),
                gradient("softplus", MSE, false, "momentum", 8, SHUFFLE, 118),
                gradient("softplus", CE, true, "nesterov:0.8", 1, FILE, 119),
                gradient("softplus", MSE, false, "adam", 1, FILE, 120),
                gradient("tanh,relu", CE, true, "momentum:0.95", 8, SHUFFLE, 121),
                gradient("softplus,leaky-relu", MSE, true, "nesterov", 1, SHUFFLE, 122));
    }

    /** Float training (per sample and in mini-batches) against the same float64 reference. */
    static Stream<Case> floatCases() {
        return Stream.of(
                withPrecision(gradient("sigmoid", MSE, true, "sgd", 1, SHUFFLE, 201)),
                withPrecision(gradient("tanh", CE, true, "momentum", 8, SHUFFLE, 202)),
                withPrecision(gradient("relu", CE, false, "adam", 8, FILE, 203)));
    }

    static Case withPrecision(Case c) {
        return new Case(c.rule(), c.sizes(), c.hidden(), c.loss(), c.biases(), c.optimizer(), c.lr(), c.batch(), c.order(),
                Precision.FLOAT, c.seed());
    }

    /** The book's rule: the book's network (one sigmoid hidden layer, mse, no biases, per sample, file order) and more. */
    static Stream<Case> bookCases() {
        return Stream.of(
                new Case(BackpropRule.BOOK, new int[] {16, 12, 4}, List.of("sigmoid"), MSE, false, "sgd", 0.3, 1, FILE,
                        Precision.DOUBLE, 301),
                new Case(BackpropRule.BOOK, SIZES, List.of("sigmoid", "sigmoid"), MSE, false, "sgd", 0.3, 1, FILE,
                        Precision.DOUBLE, 302),
                new Case(BackpropRule.BOOK, SIZES, List.of("tanh", "sigmoid"), MSE, true, "momentum", 0.05, 8, SHUFFLE,
                        Precision.DOUBLE, 303));
    }

    /** The name of numpy's run of a case with PyTorch's and Keras' mean squared error at the rate times outputs / 2. */
    static final String AS_TORCH_MSE = " / numpy: PyTorch's mean squared error at the rate x outputs / 2";

    static Stream<Case> torchMseCases() {
        return Stream.of(gradient("tanh", MSE, true, "sgd", 8, SHUFFLE, 401),
                gradient("sigmoid", MSE, false, "momentum", 1, FILE, 402));
    }

    static Stream<Case> allCases() {
        return Stream.of(gradientCases(), floatCases(), bookCases()).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCases")
    @Tag(Tags.SUBPROCESS)
    void gradientRule_matchesNumpy_forEachActivationLossBiasOptimizerBatchAndOrder(Case c) {
        Requires.python("numpy");
        compare(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatCases")
    @Tag(Tags.SUBPROCESS)
    void floatPrecision_matchesNumpysFloat64_toFloatAccuracy(Case c) {
        Requires.python("numpy");
        compare(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookCases")
    @Tag(Tags.SUBPROCESS)
    void bookRule_matchesNumpyImplementingTheBooksRule(Case c) {
        Requires.python("numpy");
        compare(c);
    }

    /**
     * mynn's "mse" is the book's (and Bishop's) {@code 1/2 sum_k (t_k - o_k)^2} per sample, averaged over a batch, where
     * PyTorch's {@code MSELoss} and Keras' {@code mean_squared_error} take {@code 1/K sum_k (t_k - o_k)^2} over the
     * {@code K} outputs: their gradient is {@code 2/K} times mynn's, so with plain SGD or momentum (steps linear in
     * {@code lr * gradient}) theirs at {@code lr * K/2} is mynn's at {@code lr}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("torchMseCases")
    @Tag(Tags.SUBPROCESS)
    void mse_isHalfTheSumOfSquaredErrors_soPyTorchsMeanSquaredErrorTrainsAlikeAtTheRateTimesOutputsOverTwo(Case c) {
        Requires.python("numpy");
        compare(c, c.name() + AS_TORCH_MSE);
    }

    @Test
    void shuffledOrder_isAPermutation_freshForEachEpochAndSeed_andTheSameForTheSameSeedAndEpoch() {
        int n = 200;
        Set<String> seen = new HashSet<>();
        for (long seed : new long[] {0, 1, 21, -5, Long.MAX_VALUE}) {
            for (int epoch = 1; epoch <= 4; epoch++) {
                int[] p = Trainer.order(seed, epoch, n);
                int[] sorted = p.clone();
                Arrays.sort(sorted);
                int[] identity = new int[n];
                Arrays.setAll(identity, i -> i);
                assertThat(sorted).as("seed %d epoch %d: a permutation of 0..%d", seed, epoch, n - 1).isEqualTo(identity);
                assertThat(p).as("seed %d epoch %d: shuffled", seed, epoch).isNotEqualTo(identity);
                assertThat(Trainer.order(seed, epoch, n)).as("seed %d epoch %d again", seed, epoch).isEqualTo(p);
                assertThat(seen.add(Arrays.toString(p))).as("seed %d epoch %d differs from every other (seed, epoch)", seed,
                        epoch).isTrue();
            }
        }
        NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).seed(77).build();
        assertThat(Trainer.shuffleSeed(net)).isEqualTo(77L);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Trains {@code c} with mynn and compares every snapshot, weight by weight, with numpy's result {@code c.name()}. */
    private static void compare(Case c) {
        compare(c, c.name());
    }

    /** Trains {@code c} with mynn and compares every snapshot, weight by weight, with numpy's result {@code reference}. */
    private static void compare(Case c, String referenceName) {
        JsonNode reference = numpy().get(referenceName);
        assertThat(reference).as("numpy's result for %s", referenceName).isNotNull();
        NeuralNetwork start = start(c);
        Map<String, NeuralNetwork> mine = trainWithMynn(c, start);
        List<String> problems = new ArrayList<>();
        for (JsonNode snap : reference.get("snapshots")) {
            String at = "epoch " + snap.get("epoch").asInt() + " sample " + snap.get("done").asInt();
            NeuralNetwork net = mine.get(at);
            assertThat(net).as("mynn's network at %s", at).isNotNull();
            double moved = 0;
            for (int l = 0; l < start.depth(); l++) {
                double[] w = net.weights(l).data;
                double[] w0 = start.weights(l).data;
                int cols = start.layers()[l];
                JsonNode rows = snap.get("weights").get(l);
                Mismatches m = new Mismatches(c, at, "weight matrix " + l);
                for (int i = 0; i < rows.size(); i++) {
                    for (int j = 0; j < cols; j++) {
                        double theirs = rows.get(i).get(j).doubleValue();
                        moved = Math.max(moved, Math.abs(theirs - w0[i * cols + j]));
                        m.check("(" + i + ", " + j + ")", w[i * cols + j], theirs);
                    }
                }
                m.report(problems);
                if (c.biases()) {
                    double[] b = net.biases(l);
                    JsonNode theirs = snap.get("biases").get(l);
                    Mismatches mb = new Mismatches(c, at, "bias vector " + l);
                    for (int i = 0; i < b.length; i++) {
                        mb.check("(" + i + ")", b[i], theirs.get(i).doubleValue());
                    }
                    mb.report(problems);
                }
            }
            assertThat(moved).as("%s: training moved some weight by %s at %s (else agreement proves nothing)", c.name(),
                    MOVED_AT_LEAST, at).isGreaterThan(MOVED_AT_LEAST);
        }
        if (!problems.isEmpty()) {
            String against = referenceName.equals(c.name()) ? "numpy" : "numpy (" + referenceName + ")";
            fail(c.name() + ": mynn and " + against + " disagree:\n" + String.join("\n", problems));
        }
    }

    /** The parameters of one tensor at one snapshot that differ by more than the case allows, and the worst of them. */
    private static final class Mismatches {
        private final Case c;
        private final String at;
        private final String tensor;
        private int checked;
        private int count;
        private double worst = -1;
        private String worstText;

        Mismatches(Case c, String at, String tensor) {
            this.c = c;
            this.at = at;
            this.tensor = tensor;
        }

        void check(String index, double ours, double theirs) {
            checked++;
            double diff = Math.abs(ours - theirs);
            double allowed = c.precision() == Precision.DOUBLE ? DOUBLE_TOLERANCE
                    : FLOAT_TOLERANCE * Math.max(1, Math.abs(theirs));
            if (diff <= allowed) {
                return;
            }
            count++;
            if (!(diff <= worst)) {
                worst = diff;
                worstText = String.format(Locale.ROOT, "at %s: mynn %.17g, numpy %.17g, difference %.3e (allowed %.1e)",
                        index, ours, theirs, diff, allowed);
            }
        }

        void report(List<String> problems) {
            if (count > 0) {
                problems.add("  at " + at + ", " + tensor + ": " + count + " of " + checked + " differ, the most " + worstText);
            }
        }
    }

    /** @return the network a case starts from: seeded weights and, with biases, small non-zero ones */
    static NeuralNetwork start(Case c) {
        List<Activation> acts = new ArrayList<>();
        for (String h : c.hidden()) {
            acts.add(PastTheBookEngineTest.ACTS.get(h));
        }
        acts.add(PastTheBookEngineTest.ACTS.get(c.output()));
        Loss loss = c.loss().equals(MSE) ? Loss.MSE : new CrossEntropy();
        NeuralNetwork net = NeuralNetwork.builder(c.sizes()).activations(acts).loss(loss).biases(c.biases())
                .rule(c.rule()).learningRate(c.lr()).seed(c.seed()).build();
        if (!c.biases()) {
            return net;
        }
        Random r = new Random(c.seed() * 7 + 1);
        double[][] b = net.allBiases();
        for (double[] v : b) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.2 * (2 * r.nextDouble() - 1);
            }
        }
        return net.wrapLike(net.allWeights(), b, c.lr(), net.provenance());
    }

    /**
     * @return mynn's networks after {@link #EARLY} samples of the first epoch and at the end of each epoch, by
     *         "epoch E sample S"
     */
    static Map<String, NeuralNetwork> trainWithMynn(Case c, NeuralNetwork start) {
        TrainingSettings s = TrainingSettings.of(start).withRule(c.rule()).withOrder(c.order()).withBatch(c.batch())
                .withPrecision(c.precision()).withLearningRate(c.lr())
                .withOptimizer(Configured.parse(c.optimizer(), PastTheBookEngineTest.OPTIMIZERS));
        Map<String, NeuralNetwork> seen = new LinkedHashMap<>();
        TrainingControl control = TrainingControl.none();
        // the run pauses after EARLY samples (a whole number of batches, so the batches are those of a run that never
        // paused) and shows its network; the watcher takes it and lets the run go on
        control.step(EARLY);
        control.watch((net, epoch, done, samples, lossSum, trained) -> {
            seen.put("epoch " + epoch + " sample " + done, net);
            if (control.paused()) {
                control.resume();
            }
        });
        Trainer.Outcome out = new Trainer(s, TrainingListener.NONE).fit(start, new Trainer.Sets(DATA, null, null), EPOCHS,
                TrainingPosition.START, control);
        assertThat(out.position()).isEqualTo(new TrainingPosition(EPOCHS, 0));
        return seen;
    }

    /** @return numpy's results of every case by name, from one python run (made the first time they are asked for) */
    private static synchronized Map<String, JsonNode> numpy() {
        if (numpy == null && numpyFailure == null) {
            try {
                numpy = runNumpy();
            } catch (IOException | RuntimeException e) {
                numpyFailure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                numpyFailure = e.toString();
            }
        }
        if (numpyFailure != null) {
            fail("the numpy reference did not run: " + numpyFailure);
        }
        return numpy;
    }

    private static Map<String, JsonNode> runNumpy() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mynn-reference");
        try {
            Path script = dir.resolve("reference_train.py");
            try (InputStream in = ReferenceTrainingTest.class.getResourceAsStream("reference_train.py")) {
                Files.copy(in, script);
            }
            List<Map<String, Object>> cases = new ArrayList<>();
            allCases().forEach(c -> cases.add(export(c)));
            torchMseCases().forEach(c -> {
                Map<String, Object> m = export(c);
                m.put("name", c.name() + AS_TORCH_MSE);
                m.put("loss", "mse-mean");
                m.put("lr", c.lr() * c.sizes()[c.sizes().length - 1] / 2);
                cases.add(m);
            });
            Path input = dir.resolve("cases.json");
            Path output = dir.resolve("results.json");
            Path errors = dir.resolve("stderr.txt");
            JSON.writeValue(input.toFile(), Map.of("cases", cases));
            Process p = new ProcessBuilder("python3", script.toString(), input.toString(), output.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("reference_train.py took more than 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("reference_train.py exited with " + p.exitValue() + ":\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            Map<String, JsonNode> byName = new TreeMap<>();
            for (JsonNode r : JSON.readTree(output.toFile()).get("cases")) {
                byName.put(r.get("name").asText(), r);
            }
            return byName;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * A case as the reference reads it: the start's weights and biases, every sample's inputs and targets as the engines
     * feed them (the data's targets, then the loss's: 0.01/0.99 for mse, one-hot for cross-entropy), each epoch's order.
     */
    static Map<String, Object> export(Case c) {
        NeuralNetwork net = start(c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("sizes", net.layers());
        m.put("activations", net.activations().stream().map(Activation::name).toList());
        m.put("loss", net.loss().name());
        m.put("rule", c.rule().label());
        m.put("lr", c.lr());
        m.put("batch", c.batch());
        m.put("optimizer", c.optimizer());
        List<double[][]> weights = new ArrayList<>();
        for (int l = 0; l < net.depth(); l++) {
            int rows = net.layers()[l + 1];
            double[][] w = new double[rows][];
            for (int r = 0; r < rows; r++) {
                w[r] = new double[net.layers()[l]];
                net.copyRow(l, r, w[r]);
            }
            weights.add(w);
        }
        m.put("weights", weights);
        m.put("biases", net.allBiases());
        int outputs = net.outputSize();
        double[][] inputs = new double[SAMPLES][DATA.inputSize()];
        double[][] targets = new double[SAMPLES][outputs];
        for (int i = 0; i < SAMPLES; i++) {
            DATA.input(i, inputs[i]);
            DATA.target(i, targets[i]);
            net.loss().targets(DATA.label(i), targets[i], outputs);
        }
        m.put("inputs", inputs);
        m.put("targets", targets);
        List<int[]> orders = new ArrayList<>();
        for (int e = 1; e <= EPOCHS; e++) {
            int[] identity = new int[SAMPLES];
            Arrays.setAll(identity, i -> i);
            orders.add(c.order() == Order.SHUFFLE ? Trainer.order(Trainer.shuffleSeed(net), e, SAMPLES) : identity);
        }
        m.put("orders", orders);
        List<int[]> snapshots = new ArrayList<>();
        snapshots.add(new int[] {1, EARLY});
        for (int e = 1; e <= EPOCHS; e++) {
            snapshots.add(new int[] {e, SAMPLES});
        }
        m.put("snapshots", snapshots);
        return m;
    }

    /**
     * Made-up samples: 16 inputs in (-1, 1), drawn from the sample's own seed; the class is where a fixed linear map of
     * the inputs is largest (so there is something to learn); the data's targets are the book's, 0.01 and 0.99.
     */
    static final class MadeUp implements TrainingData {
        private final int n;

        MadeUp(int n) {
            this.n = n;
        }

        @Override
        public String name() {
            return "made-up";
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public int inputSize() {
            return 16;
        }

        @Override
        public int classCount() {
            return 4;
        }

        @Override
        public void input(int i, double[] out) {
            Random r = new Random(1000L + i);
            for (int j = 0; j < out.length; j++) {
                out[j] = 2 * r.nextDouble() - 1;
            }
        }

        @Override
        public void target(int i, double[] out) {
            Targets.oneHot(label(i), out);
        }

        @Override
        public int label(int i) {
            double[] x = new double[16];
            input(i, x);
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 4; k++) {
                double s = 0;
                for (int j = 0; j < 16; j++) {
                    s += x[j] * Math.sin(1.7 * k + 0.9 * j + 0.3);
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            return best;
        }
    }
}
