package org.mynn.bench;

import java.util.Locale;
import org.mynn.core.Registry;
import org.mynn.core.augment.Augmentation;
import org.mynn.core.augment.Augmentations;
import org.mynn.data.Dataset;
import org.mynn.data.Split;

/**
 * The elastic distortion alone, on one thread: distorts MNIST's 60,000 training images as one epoch of a run does
 * ({@code elastic:34:4}, seed 1, the epoch's own draws) and prints images per second and seconds per epoch, for
 * {@code ROUNDS} epochs (the first one includes the JIT's warm-up).
 *
 * <p>Usage: {@code ElasticRate [ROUNDS [SPEC]]}; bench/augment-cost.sh runs it.
 */
public final class ElasticRate {

    private ElasticRate() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String spec = args.length > 1 ? args[1] : "elastic:34:4";
        Dataset data = Data.mnist(Split.TRAIN);
        int rows = data.rows();
        int cols = data.cols();
        int n = data.size();
        int p = rows * cols;
        float[] pixels = new float[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                pixels[i * p + j] = data.pixel(i, j);
            }
        }
        Augmentations a = Augmentations.parse(spec, Registry.load(Augmentation.class,
                ElasticRate.class.getClassLoader(), "augmentation"));
        float[] src = new float[p];
        float[] out = new float[p];
        float[] tmp = new float[p];
        double ink = 0;
        for (int e = 1; e <= rounds; e++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                System.arraycopy(pixels, i * p, src, 0, p);
                a.distort(src, out, tmp, rows, cols, 1, e, i);
                ink += out[i % p];
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s epoch %d: %.2f s for %,d images, %,.0f images/s (1 thread)%n", spec, e, s,
                    n, n / s);
        }
        if (ink < 0) {
            System.out.println(ink);
        }
    }
}
