package org.mynn.core.activation;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.kernel.ScalarKernels;

/**
 * The promises every {@link Activation} must keep, checked numerically: a plugin author runs
 * {@code ActivationContract.check(new MyActivation())} in a test, and {@code mynn activations --check} runs it on
 * everything installed.
 *
 * <ul>
 *   <li>{@link Activation#name()} matches {@link Activation#NAME_PATTERN};</li>
 *   <li>outputs are finite and inside {@link Activation#outputRange()}; {@link Activation#nominalRange()} is
 *       bounded and inside the output range;</li>
 *   <li>{@link Activation#derivativeFromOutput(double)} agrees with central finite differences of
 *       {@link Activation#apply(double)};</li>
 *   <li>{@link Activation#inverse(double)} undoes {@link Activation#apply(double)} when
 *       {@link Activation#hasInverse()}, and throws {@link UnsupportedOperationException} otherwise;</li>
 *   <li>the bulk {@link Activation#apply(double[], double[], int)} gives the same numbers as the scalar one;</li>
 *   <li>{@link Activation#backward} is the Jacobian's transpose times the gradient, by finite differences.</li>
 * </ul>
 *
 * A whole-layer function ({@link Activation#elementwise()} false, e.g. softmax) is checked on whole layers instead: its
 * outputs lie in the range, {@link Activation#backward} agrees with finite differences of the layer, and applying it to
 * the whole-layer {@link Activation#inverse(double[], double[], int)} gives back the outputs.
 */
public final class ActivationContract {

    private static final double STEP = 1e-6;

    private ActivationContract() {
    }

    /** @return the broken promises, one sentence each; empty when {@code f} keeps them all */
    public static List<String> check(Activation f) {
        List<String> problems = new ArrayList<>();
        String name = f.name();
        if (name == null || !name.matches(Activation.NAME_PATTERN)) {
            problems.add("name '" + name + "' does not match " + Activation.NAME_PATTERN);
        }
        Interval range = f.outputRange();
        Interval nominal = f.nominalRange();
        if (range == null || nominal == null) {
            problems.add("outputRange() and nominalRange() must not be null");
            return problems;
        }
        if (!nominal.isBounded() || nominal.lower() < range.lower() || nominal.upper() > range.upper()) {
            problems.add("nominal range " + nominal + " must be bounded and inside the output range " + range);
        }
        if (!f.elementwise()) {
            checkLayer(f, range, problems);
            return problems;
        }
        double[] xs = samplePoints();
        double[] bulk = new double[xs.length];
        f.apply(xs, bulk, xs.length);
        checkFloat(f, xs, problems);
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double y = f.apply(x);
            if (!Double.isFinite(y) || !range.contains(y)) {
                problems.add("f(" + x + ") = " + y + " is not a finite value in " + range);
                continue;
            }
            if (Double.doubleToLongBits(bulk[i]) != Double.doubleToLongBits(y)) {
                problems.add("bulk apply gives " + bulk[i] + " but apply(" + x + ") gives " + y);
            }
            double numeric = (f.apply(x + STEP) - f.apply(x - STEP)) / (2 * STEP);
            double claimed = f.derivativeFromOutput(y);
            if (!(Math.abs(numeric - claimed) <= 1e-6 + 1e-5 * Math.abs(numeric))) {
                problems.add("derivativeFromOutput(f(" + x + ")) = " + claimed + " but finite differences give " + numeric);
            }
            if (f.hasInverse() && !saturated(f, x)) {
                double back = f.inverse(y);
                if (!(Math.abs(back - x) <= 1e-7 * (1 + Math.abs(x)))) {
                    problems.add("inverse(f(" + x + ")) = " + back + " but should give back " + x);
                }
            }
        }
        double[] up = new double[xs.length];
        double[] ys = new double[xs.length];
        f.apply(xs, ys, xs.length);
        for (int i = 0; i < xs.length; i++) {
            up[i] = 0.5 + 0.1 * i;
        }
        double[] back = new double[xs.length];
        f.backward(ys, up, back, xs.length);
        for (int i = 0; i < xs.length; i++) {
            double expected = up[i] * f.derivativeFromOutput(ys[i]);
            if (Double.doubleToLongBits(back[i]) != Double.doubleToLongBits(expected)) {
                problems.add("backward gives " + back[i] + " at " + xs[i] + " but up * derivativeFromOutput is " + expected
                        + " (an elementwise function's backward pass must be exactly that)");
                break;
            }
        }
        if (!f.hasInverse()) {
            try {
                f.inverse(0.5);
                problems.add("hasInverse() is false but inverse() returned instead of throwing UnsupportedOperationException");
            } catch (UnsupportedOperationException expected) {
                // as promised
            }
        }
        checkOnnx(f, problems);
        return problems;
    }

    /** An ONNX form, where one is given, must name an operator and give finite attributes. */
    private static void checkOnnx(Activation f, List<String> problems) {
        OnnxForm form = f.onnx();
        if (form == null) {
            return;
        }
        if (form.operator() == null || !form.operator().matches("[A-Z][A-Za-z0-9]*")) {
            problems.add("onnx() names operator '" + form.operator() + "', which is not an ONNX operator type (e.g. Sigmoid)");
        }
        form.floats().forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                problems.add("onnx() attribute '" + k + "' is " + v + ", not a finite number");
            }
        });
    }

    /** The float form agrees with {@link Activation#apply(double)} to float accuracy, on the vector and plain kernels. */
    private static void checkFloat(Activation f, double[] xs, List<String> problems) {
        for (Kernels k : new Kernels[] {Kernels.best(), new ScalarKernels()}) {
            // a whole number of the widest vectors, and an offset
            int n = (xs.length + 15) / 16 * 16;
            float[] z = new float[n + 3];
            for (int i = 0; i < n; i++) {
                z[3 + i] = (float) xs[i % xs.length];
            }
            f.apply(z, 3, n, k);
            for (int i = 0; i < n; i++) {
                double x = (float) xs[i % xs.length];
                double y = f.apply(x);
                if (!(Math.abs(z[3 + i] - y) <= 1e-6 + 1e-5 * Math.abs(y))) {
                    problems.add("the float form gives " + z[3 + i] + " for " + x + " where apply gives " + y + " ("
                            + k.name() + " kernels)");
                    return;
                }
            }
        }
    }

    /** The checks of a whole-layer function, on layers of 6 signals. */
    private static void checkLayer(Activation f, Interval range, List<String> problems) {
        double[][] layers = {{0.3, -1.2, 0.8, 2.0, -0.4, 0.0}, {5.0, 4.0, -3.0, 0.5, 1.5, -6.0}};
        for (double[] x : layers) {
            int n = x.length;
            double[] y = new double[n];
            f.apply(x, y, n);
            for (double v : y) {
                if (!Double.isFinite(v) || !range.contains(v)) {
                    problems.add("apply(" + java.util.Arrays.toString(x) + ") gives " + v + ", not a finite value in " + range);
                    return;
                }
            }
            double[] up = {0.7, -0.2, 0.4, 1.1, -0.9, 0.3};
            double[] back = new double[n];
            f.backward(y, up, back, n);
            for (int j = 0; j < n; j++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[j] += STEP;
                minus[j] -= STEP;
                double[] yp = new double[n];
                double[] ym = new double[n];
                f.apply(plus, yp, n);
                f.apply(minus, ym, n);
                double numeric = 0;
                for (int i = 0; i < n; i++) {
                    numeric += up[i] * (yp[i] - ym[i]) / (2 * STEP);
                }
                if (!(Math.abs(numeric - back[j]) <= 1e-6 + 1e-5 * Math.abs(numeric))) {
                    problems.add("backward gives " + back[j] + " for input " + j + " but finite differences give " + numeric);
                    return;
                }
            }
            if (f.hasInverse()) {
                double[] inv = new double[n];
                f.inverse(y, inv, n);
                double[] again = new double[n];
                f.apply(inv, again, n);
                for (int i = 0; i < n; i++) {
                    if (!(Math.abs(again[i] - y[i]) <= 1e-12 + 1e-9 * Math.abs(y[i]))) {
                        problems.add("apply(inverse(y)) gives " + again[i] + " where y is " + y[i]);
                        return;
                    }
                }
            }
        }
    }

    /** Points in [-6, 6] that stay clear of 0, where rectifiers have their kink. */
    private static double[] samplePoints() {
        List<Double> xs = new ArrayList<>();
        for (double x = -6; x <= 6.0001; x += 0.37) {
            if (Math.abs(x) > 1e-3) {
                xs.add(x);
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Near the ends of a bounded range the function is too flat for its inverse to recover x to 1e-7. */
    private static boolean saturated(Activation f, double x) {
        double slope = f.derivativeFromOutput(f.apply(x));
        return slope < 1e-3;
    }
}
