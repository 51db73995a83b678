package org.mynn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the vector kernels share: the hardware vectors they use ({@link #D} for doubles, {@link #F} for floats), the
 * virtual vector every sum across lanes follows ({@link #VD} doubles, {@link #VF} floats: the canonical order of
 * {@link Kernels}), how many hardware vectors make one virtual vector ({@link #K}), and the fixed folding that sums
 * lanes (never {@code reduceLanes}, whose order is unspecified and may differ between compiled and interpreted code).
 * Static final fields, so the JIT compiler folds them into the loops of the rooms as constants: with {@code K == 1}
 * the code of the second to fourth accumulators is dead and compiled away.
 */
final class VectorLanes {

    /** The lanes of the virtual vector, in doubles and in floats: 512 bits, the widest vectors the kernels use. */
    static final int VD = 8;
    static final int VF = 16;
    /** The processor's preferred vectors, clipped to 512 bits (SVE may offer wider ones: then 512-bit vectors). */
    static final VectorSpecies<Double> D = clip(DoubleVector.SPECIES_PREFERRED, DoubleVector.SPECIES_512);
    static final VectorSpecies<Float> F = clip(FloatVector.SPECIES_PREFERRED, FloatVector.SPECIES_512);
    static final int DL = D.length();
    static final int FL = F.length();
    /**
     * Hardware vectors per virtual vector: 1 on 512-bit vectors, 2 on 256-bit, 4 on 128-bit (the same for doubles and
     * floats). Narrower vectors would need 8; {@link VectorKernels} refuses them and {@link Kernels#best()} then gives
     * the scalar kernels.
     */
    static final int K = VD / DL;
    /** Rotations by half, a quarter, ... of the hardware lanes: adding each in turn leaves the total in lane 0. */
    static final VectorShuffle<Double>[] D_FOLDS = folds(D);
    static final VectorShuffle<Float>[] F_FOLDS = folds(F);

    private static <E> VectorSpecies<E> clip(VectorSpecies<E> preferred, VectorSpecies<E> widest) {
        return preferred.vectorBitSize() > widest.vectorBitSize() ? widest : preferred;
    }

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
     * The sum of a virtual vector held in {@code K} hardware vectors ({@code c0} its first lanes, {@code c1} the next,
     * and so on; those past {@code K} are ignored): the canonical fold. With {@code K == 2}, {@code c0 + c1} is the
     * first halving of the virtual vector; with {@code K == 4}, {@code (c0 + c2) + (c1 + c3)} its first two; then the
     * hardware vector is folded: add it rotated by half its lanes, then by a quarter, and so on. Every step is an
     * exact lane-wise operation, so the same bits come out compiled or interpreted, and on every width the same
     * tree of additions. The kernels that sum several accumulators after a loop write this fold out instead of
     * calling it: the JIT often leaves such a call out of line, and then boxes the vectors it passes.
     */
    static double sum(DoubleVector c0, DoubleVector c1, DoubleVector c2, DoubleVector c3) {
        DoubleVector t = K == 1 ? c0 : K == 2 ? c0.add(c1) : c0.add(c2).add(c1.add(c3));
        for (VectorShuffle<Double> f : D_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    /** {@link #sum(DoubleVector, DoubleVector, DoubleVector, DoubleVector)} of one hardware vector ({@code K == 1}). */
    static double sum(DoubleVector c0) {
        DoubleVector t = c0;
        for (VectorShuffle<Double> f : D_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    /** {@link #sum(FloatVector, FloatVector, FloatVector, FloatVector)} of one hardware vector ({@code K == 1}). */
    static float sum(FloatVector c0) {
        FloatVector t = c0;
        for (VectorShuffle<Float> f : F_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    /** The float {@link #sum(DoubleVector, DoubleVector, DoubleVector, DoubleVector)}. */
    static float sum(FloatVector c0, FloatVector c1, FloatVector c2, FloatVector c3) {
        FloatVector t = K == 1 ? c0 : K == 2 ? c0.add(c1) : c0.add(c2).add(c1.add(c3));
        for (VectorShuffle<Float> f : F_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    private VectorLanes() {
    }
}
