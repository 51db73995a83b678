package org.mynn.data;

import jakarta.inject.Inject;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;
import org.mynn.core.augment.Augmentation;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.augment.Rotate;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.TrainingData;

/**
 * More training data from the data itself, by the installed {@link Augmentation} plugins: {@code --augment rotate:10}
 * follows every image by two rotated copies, as the book does to pass 98%; {@code shift}, {@code affine} and
 * {@code elastic} distort every image afresh in every epoch ({@link AugmentedData}), drawn from the run's seed.
 * Fixed copies are made once and held as bytes, rounded as the book's images are.
 */
public final class Augment {

    private final Registry<Augmentation> installed;

    @Inject
    public Augment(Registry<Augmentation> installed) {
        this.installed = installed;
    }

    /** @return an augmenter with the augmentations mynn's own class loader sees */
    public static Augment builtIn() {
        return new Augment(Registry.load(Augmentation.class, Augment.class.getClassLoader(), "augmentation"));
    }

    /** @return the installed augmentations */
    public Registry<Augmentation> installed() {
        return installed;
    }

    /**
     * @param list e.g. {@code rotate:10} or {@code shift:2,elastic:34:4}
     * @throws MynnException naming what is not understood
     */
    public Augmentations parse(String list) {
        return Augmentations.parse(list, installed);
    }

    /** {@link #apply(Dataset, Augmentations, long)} of a list as written. */
    public TrainingData apply(Dataset data, String list, long seed) {
        return apply(data, parse(list), seed);
    }

    /**
     * Augments {@code data}: the fixed copies first (each image followed by its copies), then, when some augmentation
     * distorts afresh every epoch, a view that does so, drawn from {@code seed}. The result refers to the same data with
     * the augmentation (and, when random, the seed), so that a checkpoint loads it again the same.
     *
     * @throws MynnException when there would be too many images to hold
     */
    public TrainingData apply(Dataset data, Augmentations a, long seed) {
        Dataset copied = data;
        for (Augmentations.Step step : a.copying()) {
            copied = withCopies(copied, step, seed);
        }
        Provenance.DataReference ref = data.reference() == null ? null
                : data.reference().augmented(a.spec(), seed, copied.size());
        copied = new Dataset(data.name() + "+" + a.spec(), copied.rows(), copied.cols(), copied.pixelArray(),
                copied.labelArray(), copied.classes(), ref);
        return a.random() ? new AugmentedData(copied, a, seed) : copied;
    }

    /** @return {@code data} with the step's fixed copies after each image: same labels, rounded to bytes */
    static Dataset withCopies(Dataset data, Augmentations.Step step, long seed) {
        int copies = step.copies();
        int n = data.size();
        int p = data.pixelsPerImage();
        int per = copies + 1;
        if ((long) n * per * p > Integer.MAX_VALUE - 64) {
            throw new MynnException(data.name() + ": too many images to hold " + per + " times over in memory ("
                    + step.spec() + ")");
        }
        byte[] pixels = new byte[per * n * p];
        byte[] labels = new byte[per * n];
        float[] src = new float[p];
        float[] out = new float[p];
        for (int i = 0; i < n; i++) {
            byte[] img = data.image(i);
            for (int j = 0; j < p; j++) {
                src[j] = img[j] & 0xff;
            }
            System.arraycopy(img, 0, pixels, per * i * p, p);
            labels[per * i] = (byte) data.label(i);
            for (int c = 0; c < copies; c++) {
                step.augmentation().apply(src, out, data.rows(), data.cols(), step.settings(),
                        Augmentations.random(seed, 0, i * per + c), c);
                int off = (per * i + c + 1) * p;
                for (int j = 0; j < p; j++) {
                    pixels[off + j] = (byte) Math.max(0, Math.min(255, Math.round(out[j])));
                }
                labels[per * i + c + 1] = (byte) data.label(i);
            }
        }
        return new Dataset(data.name() + "+" + step.spec(), data.rows(), data.cols(), pixels, labels, data.classes(),
                data.reference());
    }

    /**
     * The book's augmentation: every image followed by copies rotated by {@code +degrees} and {@code -degrees}.
     *
     * @return 3 times as many images, same labels, referring to the same files with the augmentation
     */
    public static Dataset withRotations(Dataset data, double degrees) {
        Augmentation r = new Rotate();
        String spec = "rotate:" + fmt(degrees);
        Augmentations a = new Augmentations(List.of(new Augmentations.Step(r, r.settings(List.of(degrees)), spec)), spec);
        return (Dataset) builtIn().apply(data, a, 0);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
