package org.mynn.core.train;

import java.util.SplittableRandom;

/**
 * An epoch's samples in a fresh order: sample {@code i} of the view is sample {@code order[i]} of the data. The order
 * is a Fisher-Yates shuffle driven by a {@link SplittableRandom} seeded from the run's seed and the epoch's number, so
 * it is the same on every machine, and a run resumed in the middle of an epoch continues in the same order.
 */
final class Shuffled extends DataView {

    private final int[] order;

    private Shuffled(TrainingData data, int[] order) {
        super(data);
        this.order = order;
    }

    /** @return {@code data} in epoch {@code epoch}'s order for a run of seed {@code seed} */
    static TrainingData of(TrainingData data, long seed, int epoch) {
        return new Shuffled(data, permutation(seed, epoch, data.size()));
    }

    /**
     * The order of epoch {@code epoch} (from 1) of a run with seed {@code seed}: a permutation of {@code 0 .. n-1}.
     * Public through {@link Trainer#order}, for tests and references that replay a run.
     */
    static int[] permutation(long seed, int epoch, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(mix(mix(seed ^ 0x5DEECE66DL) ^ (0x9E3779B97F4A7C15L * epoch)));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    int source(int i) {
        return order[i];
    }
}
