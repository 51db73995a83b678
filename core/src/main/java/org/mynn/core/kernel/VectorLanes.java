package org.mynn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the vector kernels share: the widest vectors the processor has ({@link #D} for doubles, {@link #F} for floats),
 * and the fixed folding that sums a vector's lanes (never {@code reduceLanes}, whose order is unspecified and may
 * differ between compiled and interpreted code). Static final fields, so the JIT compiler folds them into the loops of
 * {@link VectorSampleKernels}, {@link VectorBatchKernels} and {@link VectorBatchFloatKernels} as constants.
 */
final class VectorLanes {

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int DL = D.length();
    static final int FL = F.length();
    /** Rotations by half, a quarter, ... of the lanes: adding each in turn leaves the total in lane 0. */
    static final VectorShuffle<Double>[] D_FOLDS = folds(D);
    static final VectorShuffle<Float>[] F_FOLDS = folds(F);

    @SuppressWarnings("unchecked")
    static <E> VectorShuffle<E>[] folds(VectorSpecies<E> species) {
        int n = Integer.numberOfTrailingZeros(species.length());
        VectorShuffle<E>[] out = new VectorShuffle[n];
        for (int i = 0; i < n; i++) {
            out[i] = VectorShuffle.iota(species, species.length() >> (i + 1), 1, true);
        }
        return out;
    }

    /**
     * Sums the lanes of {@code a0} by folding: add the vector rotated by half its lanes, then by a quarter, and
     * so on. Every step is an exact lane-wise operation, so the same bits come out compiled or interpreted. The
     * kernels that sum several accumulators after a loop write this fold out instead of calling it: the JIT often
     * leaves such a call out of line, and then boxes the vector it passes.
     */
    static double sum(DoubleVector a0) {
        DoubleVector t = a0;
        for (VectorShuffle<Double> f : D_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    /** Sums the lanes of {@code a0} by folding, as the double version. */
    static float sum(FloatVector a0) {
        FloatVector t = a0;
        for (VectorShuffle<Float> f : F_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    private VectorLanes() {
    }
}
