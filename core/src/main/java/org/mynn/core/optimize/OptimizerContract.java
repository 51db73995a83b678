package org.mynn.core.optimize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * The promises every {@link Optimizer} must keep: a plugin author runs {@code OptimizerContract.check(new MyOptimizer())}
 * in a test, and {@code mynn plugins --check} runs it on everything installed.
 *
 * <ul>
 *   <li>its name matches {@link Plugin#NAME_PATTERN}; its usage starts with its name; {@link Optimizer#configure}
 *       accepts no numbers (the defaults) and gives an optimizer of the same name and slots, and refuses a great many;</li>
 *   <li>with no gradient and fresh state, a parameter stays where it is;</li>
 *   <li>the row loops the engines call ({@link RowSteps#of}: its own, if it has them) give, bit for bit, what
 *       {@link Optimizer#step} gives, parameters and state, in double and in float;</li>
 *   <li>it minimises a simple bowl, {@code L = (p - 3)^2 / 2}, from {@code p = 0} in 2000 steps of rate 0.01.</li>
 * </ul>
 */
public final class OptimizerContract {

    /** More settings than any optimizer takes. */
    private static final int TOO_MANY = 32;

    private OptimizerContract() {
    }

    /** @return the broken promises, one sentence each */
    public static List<String> check(Optimizer installed) {
        List<String> problems = new ArrayList<>();
        if (installed.name() == null || !installed.name().matches(Plugin.NAME_PATTERN)) {
            problems.add("name '" + installed.name() + "' does not match " + Plugin.NAME_PATTERN);
        }
        if (installed.usage() == null || !installed.usage().startsWith(String.valueOf(installed.name()))) {
            problems.add("usage '" + installed.usage() + "' must start with the name");
        }
        Optimizer o;
        try {
            o = installed.configure(List.of());
        } catch (RuntimeException e) {
            problems.add("its default settings are refused: " + e.getMessage());
            return problems;
        }
        if (o == null || !String.valueOf(installed.name()).equals(o.name()) || o.slots() != installed.slots()) {
            problems.add("configure([]) must give an optimizer of the same name and slots, not " + o);
            return problems;
        }
        try {
            installed.configure(Collections.nCopies(TOO_MANY, 0.5));
            problems.add("configure(" + TOO_MANY + " numbers) should be refused");
        } catch (MynnException expected) {
            // as promised
        }
        int slots = o.slots();
        if (slots < 0) {
            problems.add("slots() must be 0 or more but is " + slots);
            return problems;
        }
        double still = o.step(1.5, 0.0, new Step(0.1, 1), new double[slots][1], 0);
        if (still != 1.5) {
            problems.add("with no gradient and fresh state, step() moved 1.5 to " + still);
        }
        rowsAgree(o, slots, problems);
        double p = 0;
        double[][] state = new double[slots][1];
        for (int t = 1; t <= 2000; t++) {
            p = o.step(p, 3 - p, new Step(0.01, t), state, 0);
        }
        if (!(Math.abs(p - 3) < 0.3)) {
            problems.add("after 2000 steps on (p - 3)^2 / 2 from 0 at rate 0.01, p is " + p + ", not near 3");
        }
        return problems;
    }

    /** Three steps of seven parameters through each row loop and through {@link Optimizer#step}, compared bit for bit. */
    private static void rowsAgree(Optimizer o, int slots, List<String> problems) {
        RowSteps rows = RowSteps.of(o);
        int n = 7;
        double[] x = new double[n];
        float[] xf = new float[n];
        for (int j = 0; j < n; j++) {
            x[j] = (j % 2 == 0 ? 1 : -1) * Math.sqrt(j + 2) / 3;
            xf[j] = (float) x[j];
        }
        double a = 1 / Math.E;
        double[] ref = new double[n];
        double[] row = new double[n];
        double[] each = new double[n];
        float[] refF = new float[n];
        float[] rowF = new float[n];
        float[] refEF = new float[n];
        float[] eachF = new float[n];
        double[][] sRef = new double[slots][n];
        double[][] sRow = new double[slots][n];
        double[][] sEach = new double[slots][n];
        double[][] sRefF = new double[slots][n];
        double[][] sRowF = new double[slots][n];
        double[][] sRefEF = new double[slots][n];
        double[][] sEachF = new double[slots][n];
        for (int t = 1; t <= 3; t++) {
            Step s = new Step(0.047, t);
            double[] d = new double[n];
            float[] df = new float[n];
            for (int j = 0; j < n; j++) {
                d[j] = (a * t) * x[j];
                df[j] = (float) d[j];
                ref[j] = o.step(ref[j], d[j], s, sRef, j);
                refF[j] = (float) o.step(refF[j], (a * t) * xf[j], s, sRefF, j);
                refEF[j] = (float) o.step(refEF[j], df[j], s, sRefEF, j);
            }
            rows.row(row, 0, n, a * t, x, s, sRow);
            rows.row(rowF, 0, n, a * t, xf, s, sRowF);
            rows.each(each, 0, n, d, 0, s, sEach);
            rows.each(eachF, 0, n, df, 0, s, sEachF);
        }
        differs("row", row, ref, sRow, sRef, problems);
        differs("each", each, ref, sEach, sRef, problems);
        differs("the float row", widen(rowF), widen(refF), sRowF, sRefF, problems);
        differs("the float each", widen(eachF), widen(refEF), sEachF, sRefEF, problems);
    }

    private static void differs(String loop, double[] got, double[] ref, double[][] state, double[][] refState,
            List<String> problems) {
        for (int j = 0; j < got.length; j++) {
            boolean sameState = true;
            for (int k = 0; k < state.length; k++) {
                sameState &= Double.doubleToLongBits(state[k][j]) == Double.doubleToLongBits(refState[k][j]);
            }
            if (Double.doubleToLongBits(got[j]) != Double.doubleToLongBits(ref[j]) || !sameState) {
                problems.add(loop + " gives " + got[j] + " where step gives " + ref[j] + " (parameter " + j + ")"
                        + (sameState ? "" : ", and different state"));
                return;
            }
        }
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
