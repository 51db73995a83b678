package org.mynn.core.optimize;

/**
 * What one step of training tells an {@link Optimizer}: the same for every parameter of the step.
 *
 * @param lr the learning rate, as scheduled
 * @param t  the step's number, from 1 (Adam corrects its running means' start at 0 with it)
 */
public record Step(double lr, long t) {
}
