package org.mynn.core.activation;

/** The smooth rectifier {@code ln(1 + e^x)}; derivative (the sigmoid) {@code 1 - e^-y}, inverse {@code ln(e^y - 1)}. */
public final class Softplus implements Activation {

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public double apply(double x) {
        // ln(1 + e^x) without overflow for large x
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    @Override
    public double derivativeFromOutput(double y) {
        return -Math.expm1(-y);
    }

    @Override
    public boolean hasInverse() {
        return true;
    }

    @Override
    public double inverse(double y) {
        // ln(e^y - 1) = y + ln(1 - e^-y), stable for large y
        return y + Math.log(-Math.expm1(-y));
    }

    @Override
    public Interval outputRange() {
        return new Interval(0, Double.POSITIVE_INFINITY);
    }

    @Override
    public String description() {
        return "ln(1+e^x), a smooth relu; invertible";
    }

    @Override
    public OnnxForm onnx() {
        return OnnxForm.of("Softplus");
    }
}
