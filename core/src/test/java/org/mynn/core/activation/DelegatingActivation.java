package org.mynn.core.activation;

/** Forwards everything to another activation; tests override one method to break it. */
public class DelegatingActivation implements Activation {
    private final Activation inner;

    public DelegatingActivation(Activation inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public double apply(double x) {
        return inner.apply(x);
    }

    @Override
    public double derivativeFromOutput(double y) {
        return inner.derivativeFromOutput(y);
    }

    @Override
    public boolean hasInverse() {
        return inner.hasInverse();
    }

    @Override
    public double inverse(double y) {
        return inner.inverse(y);
    }

    @Override
    public Interval outputRange() {
        return inner.outputRange();
    }
}
