package org.mynn.core;

/** Every tolerance the core's tests use, in one place. */
public final class Tolerance {
    /** Results that differ only by floating-point rounding (a different order of the same operations). */
    public static final double ROUNDING = 1e-12;
    /** Numbers the book prints with 3 decimals (it truncates: 0.7086 is printed 0.708). */
    public static final double BOOK_PRINT = 1e-3;
    /** Central finite differences with step {@link #FD_STEP}. */
    public static final double FINITE_DIFFERENCE = 1e-6;
    /** The step for central finite differences. */
    public static final double FD_STEP = 1e-6;

    private Tolerance() {
    }
}
