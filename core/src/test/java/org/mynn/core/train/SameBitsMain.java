package org.mynn.core.train;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.mynn.core.Registry;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Targets;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;

/**
 * What {@link SameBitsOnEveryWidthTest} runs in JVMs of different vector widths: prints the kernels it got, then a
 * SHA-256 of the bits of every kernel's results over many sizes, and of the weights of a small network (70-37-10:
 * sizes that are not multiples of 8 or 16) trained per sample and in mini-batches of 16 with momentum and with Adam, in double and
 * in float, on 1 and 2 threads, with the queries of the trained network; then the kernels' results again once they
 * are compiled. One line per run, {@code name sha256}.
 */
public final class SameBitsMain {

    private SameBitsMain() {
    }

    /** Ten noisy prototypes, inputs 0.01..1.0 as MNIST's encoding: learnable, so training moves the weights far. */
    record Synthetic(int size, long seed) implements TrainingData {
        static final int INPUTS = 70;

        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public int inputSize() {
            return INPUTS;
        }

        @Override
        public int classCount() {
            return 10;
        }

        @Override
        public int label(int i) {
            return new Random(seed * 7919 + i).nextInt(10);
        }

        @Override
        public void input(int i, double[] out) {
            Random proto = new Random(1000 + label(i));
            Random noise = new Random(seed * 1_000_003L + i);
            for (int j = 0; j < out.length; j++) {
                double v = proto.nextDouble() + 0.4 * noise.nextGaussian();
                out[j] = 0.01 + 0.99 * Math.min(1, Math.max(0, v));
            }
        }

        @Override
        public void target(int i, double[] out) {
            Targets.oneHot(label(i), out);
        }
    }

    public static void main(String[] args) throws Exception {
        Kernels kernels = Kernels.best();
        System.out.println("kernels " + kernels.name());
        System.out.println("kernel-results " + kernelResults(kernels));
        Registry<Optimizer> optimizers = Registry.load(Optimizer.class, SameBitsMain.class.getClassLoader(), "optimizer");
        Synthetic train = new Synthetic(500, 1);
        Synthetic test = new Synthetic(67, 2);
        double[] queries = new double[test.size() * Synthetic.INPUTS];
        double[] x = new double[Synthetic.INPUTS];
        for (int i = 0; i < test.size(); i++) {
            test.input(i, x);
            System.arraycopy(x, 0, queries, i * x.length, x.length);
        }
        for (Precision precision : new Precision[] {Precision.DOUBLE, Precision.FLOAT}) {
            for (String run : new String[] {"1", "16", "16-adam"}) {
                int batch = Integer.parseInt(run.split("-")[0]);
                for (int threads : new int[] {1, 2}) {
                    NeuralNetwork start = NeuralNetwork.builder(Synthetic.INPUTS, 37, 10).seed(3).build();
                    TrainingSettings s = TrainingSettings.of(start).withPrecision(precision).withThreads(threads);
                    if (batch > 1 && run.endsWith("adam")) {
                        s = s.withBatch(batch).withLearningRate(0.01).withOptimizer(Configured.parse("adam", optimizers));
                    } else if (batch > 1) {
                        s = s.withBatch(batch).withLearningRate(0.5).withOptimizer(Configured.parse("momentum", optimizers));
                    }
                    NeuralNetwork net = new Trainer(s, TrainingListener.NONE, kernels).fit(start, train, null, 2);
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    for (int k = 0; k < net.depth(); k++) {
                        add(sha, net.weights(k).data);
                    }
                    add(sha, net.queryBatch(queries, test.size()));
                    System.out.printf("%s-batch%s-threads%d %s%n", precision.name().toLowerCase(java.util.Locale.ROOT), run,
                            threads, HexFormat.of().formatHex(sha.digest()));
                }
            }
        }
        // the kernels again once the JIT compiler has compiled them: the same bits as interpreted
        String hot = null;
        for (int round = 0; round < 300; round++) {
            hot = kernelResults(kernels);
        }
        System.out.println("kernel-results-compiled " + hot);
    }

    private static void add(MessageDigest sha, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (double v : values) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        sha.update(b.array());
    }

    /**
     * Every kernel whose sums run across lanes, on sizes 0..70 and a few large ones, rows that start at odd offsets,
     * and the elastic distortion's kernels: the bits of all their results, hashed.
     */
    static String kernelResults(Kernels k) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random r = new Random(28);
        int[] sizes = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 70),
                java.util.stream.IntStream.of(127, 200, 784, 785, 1001)).toArray();
        for (int n : sizes) {
            int rows = 7;
            double[] w = r.doubles(rows * n + 3, -1, 1).toArray();
            double[] xp = r.doubles(n, -1, 1).toArray();
            double[] xn = r.doubles(n, -1, 1).toArray();
            double[] alpha = r.doubles(rows, -1, 1).toArray();
            double[] z = new double[rows + 2];
            add(sha, new double[] {k.dot(w, 3, xn, n), k.axpyDot(alpha[0], xp, w, 3, xn, n)});
            k.dotRows(w, 0, rows, n, xn, z);
            k.axpyDotRows(alpha, xp, w, 1, rows, n, xn, z);
            add(sha, z);
            add(sha, w);
            int batch = 5;
            double[] a = r.doubles(batch * n, -1, 1).toArray();
            double[] zb = new double[batch * rows];
            k.forwardBatch(a, batch, n, w, rows, zb, 0, rows);
            add(sha, zb);
            float[] wf = narrow(w);
            float[] xpf = narrow(xp);
            float[] xnf = narrow(xn);
            add(sha, new double[] {k.dot(wf, 3, xnf, n), k.axpyDot((float) alpha[0], xpf, wf, 3, xnf, n)});
            k.dotRows(wf, 0, rows, n, xnf, z);
            k.axpyDotRows(alpha, xpf, wf, 1, rows, n, xnf, z);
            add(sha, z);
            add(sha, widen(wf));
        }
        // the elastic distortion's kernels: its random field and its bilinear read, on pictures of a few shapes
        for (int cols : new int[] {1, 5, 17, 28, 33}) {
            int rows = cols + 2;
            int stride = (cols + 15) / 16 * 16;
            int pw = cols + 5;
            float[] field = new float[2 * rows * cols + 1];
            k.uniforms(r.nextLong(), r.nextInt(), field, 1, 2 * rows * cols);
            add(sha, widen(field));
            float[] pic = narrow(r.doubles((rows + 5) * pw, 0, 255).toArray());
            float[] disp = narrow(r.doubles(2 * rows * stride, -cols, cols).toArray());
            float[] out = new float[rows * cols];
            k.bilinear(pic, pw, 2, disp, stride, rows, cols, out, new float[7 * stride], new int[stride]);
            add(sha, widen(out));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
