package org.mynn.core.model;

import org.mynn.core.Labelled;

/**
 * Which error signal a layer sends back to the layer before it.
 */
public enum BackpropRule implements Labelled {
    /**
     * The book's rule: errors are split back along the weights, {@code e_h = W^T e_o}, and each layer's update is
     * {@code W += lr * (e * f'(out)) (outer) prev}. For the last layer this is exactly gradient descent on
     * {@code 0.5 * sum(e^2)}; for earlier layers it leaves out the later layers' {@code f'}. The default.
     */
    BOOK("book"),
    /** Textbook backpropagation: {@code e_h = W^T (e_o * f'(o))}, exact gradient descent for every layer. */
    GRADIENT("gradient");

    private final String label;

    BackpropRule(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
