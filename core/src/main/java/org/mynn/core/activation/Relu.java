package org.mynn.core.activation;

/** The rectifier {@code max(0, x)}. It has no inverse (every negative input gives 0), so no backquery. */
public final class Relu implements Activation {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public double apply(double x) {
        return x > 0 ? x : 0.0;
    }

    @Override
    public double derivativeFromOutput(double y) {
        return y > 0 ? 1.0 : 0.0;
    }

    @Override
    public Interval outputRange() {
        return new Interval(0, Double.POSITIVE_INFINITY);
    }

    @Override
    public String description() {
        return "max(0, x); not invertible, so no backquery";
    }

    @Override
    public OnnxForm onnx() {
        return OnnxForm.of("Relu");
    }
}
