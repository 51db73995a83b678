package org.mynn.core.optimize;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * The promises every {@link Optimizer} must keep: a plugin author runs {@code OptimizerContract.check(new MyOptimizer())}
 * in a test, and {@code mynn plugins --check} runs it on everything installed.
 *
 * <ul>
 *   <li>its name matches {@link Plugin#NAME_PATTERN}; its usage starts with its name; its defaults are accepted and a
 *       setting too many is refused;</li>
 *   <li>with no gradient and fresh state, a parameter stays where it is;</li>
 *   <li>the row and element methods the engines call give, bit for bit, what {@link Optimizer#step} gives, in double
 *       and in float;</li>
 *   <li>it minimises a simple bowl, {@code L = (p - 3)^2 / 2}, from {@code p = 0} in 2000 steps of rate 0.01.</li>
 * </ul>
 */
public final class OptimizerContract {

    private OptimizerContract() {
    }

    /** @return the broken promises, one sentence each */
    public static List<String> check(Optimizer o) {
        List<String> problems = new ArrayList<>();
        if (o.name() == null || !o.name().matches(Plugin.NAME_PATTERN)) {
            problems.add("name '" + o.name() + "' does not match " + Plugin.NAME_PATTERN);
        }
        if (o.usage() == null || !o.usage().startsWith(String.valueOf(o.name()))) {
            problems.add("usage '" + o.usage() + "' must start with the name");
        }
        double[] s;
        try {
            s = o.settings(List.of());
        } catch (RuntimeException e) {
            problems.add("its default settings are refused: " + e.getMessage());
            return problems;
        }
        try {
            List<Double> tooMany = new ArrayList<>();
            for (int i = 0; i <= s.length; i++) {
                tooMany.add(0.5);
            }
            o.settings(tooMany);
            problems.add("settings(" + tooMany + ") should be refused: it takes " + s.length);
        } catch (MynnException expected) {
            // as promised
        }
        int slots = o.slots();
        if (slots < 0) {
            problems.add("slots() must be 0 or more but is " + slots);
            return problems;
        }
        double still = o.step(1.5, 0.0, 0.1, 1, s, new double[slots][1], 0);
        if (still != 1.5) {
            problems.add("with no gradient and fresh state, step() moved 1.5 to " + still);
        }
        int n = 7;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = (j % 2 == 0 ? 1 : -1) * Math.sqrt(j + 2) / 3;
        }
        float[] xf = new float[n];
        for (int j = 0; j < n; j++) {
            xf[j] = (float) x[j];
        }
        double a = 1 / Math.E;
        double[] ref = new double[n];
        double[] row = new double[n];
        double[] each = new double[n];
        float[] rowF = new float[n];
        float[] refF = new float[n];
        double[][] sRef = new double[slots][n];
        double[][] sRow = new double[slots][n];
        double[][] sEach = new double[slots][n];
        double[][] sRowF = new double[slots][n];
        double[][] sRefF = new double[slots][n];
        float[] eachF = new float[n];
        float[] refEF = new float[n];
        double[][] sEachF = new double[slots][n];
        double[][] sRefEF = new double[slots][n];
        double[] dir = new double[n];
        for (int t = 1; t <= 3; t++) {
            for (int j = 0; j < n; j++) {
                dir[j] = a * x[j] * t;
                ref[j] = o.step(ref[j], a * t * x[j], 0.047, t, s, sRef, j);
                refF[j] = (float) o.step(refF[j], (a * t) * xf[j], 0.047, t, s, sRefF, j);
            }
            o.stepRow(row, 0, n, a * t, x, 0.047, t, s, sRow);
            o.stepRow(rowF, 0, n, a * t, xf, 0.047, t, s, sRowF);
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = (a * t) * x[j];
            }
            o.stepEach(each, 0, n, d, 0, 0.047, t, s, sEach);
            float[] df = new float[n];
            for (int j = 0; j < n; j++) {
                df[j] = (float) d[j];
                refEF[j] = (float) o.step(refEF[j], df[j], 0.047, t, s, sRefEF, j);
            }
            o.stepEach(eachF, 0, n, df, 0, 0.047, t, s, sEachF);
        }
        for (int j = 0; j < n; j++) {
            boolean sameState = true;
            for (int k = 0; k < slots; k++) {
                sameState &= Double.doubleToLongBits(sRow[k][j]) == Double.doubleToLongBits(sRef[k][j]);
            }
            if (Double.doubleToLongBits(row[j]) != Double.doubleToLongBits(ref[j]) || !sameState) {
                problems.add("stepRow gives " + row[j] + " where step gives " + ref[j] + " (parameter " + j + ")"
                        + (sameState ? "" : ", and different state"));
                break;
            }
            if (Double.doubleToLongBits(each[j]) != Double.doubleToLongBits(ref[j])) {
                problems.add("stepEach gives " + each[j] + " where step gives " + ref[j] + " (parameter " + j + ")");
                break;
            }
            if (Float.floatToIntBits(rowF[j]) != Float.floatToIntBits(refF[j])) {
                problems.add("the float stepRow gives " + rowF[j] + " where step gives " + refF[j] + " (parameter " + j + ")");
                break;
            }
            if (Float.floatToIntBits(eachF[j]) != Float.floatToIntBits(refEF[j])) {
                problems.add("the float stepEach gives " + eachF[j] + " where step gives " + refEF[j] + " (parameter " + j
                        + ")");
                break;
            }
        }
        double p = 0;
        double[][] state = new double[slots][1];
        for (int t = 1; t <= 2000; t++) {
            p = o.step(p, 3 - p, 0.01, t, s, state, 0);
        }
        if (!(Math.abs(p - 3) < 0.3)) {
            problems.add("after 2000 steps on (p - 3)^2 / 2 from 0 at rate 0.01, p is " + p + ", not near 3");
        }
        return problems;
    }
}
