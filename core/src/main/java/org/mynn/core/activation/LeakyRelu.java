package org.mynn.core.activation;

/** The leaky rectifier: {@code x} for positive inputs, {@code 0.01 x} otherwise; invertible. */
public final class LeakyRelu implements Activation {

    /** The slope for negative inputs. */
    public static final double SLOPE = 0.01;

    @Override
    public String name() {
        return "leaky-relu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : SLOPE * x;
    }

    @Override
    public double derivativeFromOutput(double y) {
        return y > 0 ? 1.0 : SLOPE;
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    @Override
    public double inverse(double y) {
        return y > 0 ? y : y / SLOPE;
    }

    @Override
    public Interval outputRange() {
        return Interval.REAL;
    }

    @Override
    public String description() {
        return "x if x > 0 else 0.01x; invertible";
    }

    @Override
    public OnnxForm onnx() {
        return new OnnxForm("LeakyRelu", java.util.Map.of("alpha", SLOPE), null);
    }
}
