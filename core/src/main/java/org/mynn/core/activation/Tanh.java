package org.mynn.core.activation;

/** The hyperbolic tangent; derivative {@code 1 - y^2}, inverse {@code atanh}. */
public final class Tanh implements Activation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public double apply(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivativeFromOutput(double y) {
        return 1.0 - y * y;
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    /** {@code atanh(y) = ln((1 + y) / (1 - y)) / 2}. */
    @Override
    public double inverse(double y) {
        return 0.5 * Math.log((1.0 + y) / (1.0 - y));
    }

    @Override
    public Interval outputRange() {
        return new Interval(-1, 1);
    }

    @Override
    public String description() {
        return "hyperbolic tangent, zero-centred";
    }

    @Override
    public OnnxForm onnx() {
        return OnnxForm.of("Tanh");
    }
}
