package org.mynn.core.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;

/**
 * A list of augmentations as written on the command line and in a data reference, e.g. {@code rotate:10} or
 * {@code shift:2,elastic:34:4}: the ones that add fixed copies are applied first, once, in the order given; the ones
 * that distort afresh every epoch then apply to every picture (copies included), in the order given.
 *
 * @param steps every augmentation with its settings, in the order given
 * @param spec  how the list was written (normalised: no spaces)
 */
public record Augmentations(List<Step> steps, String spec) {

    /**
     * One augmentation with its settings.
     *
     * @param spec how it was written, e.g. "elastic:34:4"
     */
    public record Step(Augmentation augmentation, double[] settings, String spec) {

        /** @return the fixed copies it adds of every picture; 0 when it distorts afresh every epoch */
        public int copies() {
            return augmentation.copies(settings);
        }
    }

    public Augmentations {
        steps = List.copyOf(steps);
    }

    /**
     * @param list e.g. {@code rotate:10} or {@code shift:2,elastic:34:4}
     * @throws MynnException naming the augmentation or setting that is not understood, and what is installed
     */
    public static Augmentations parse(String list, Registry<Augmentation> installed) {
        List<Step> steps = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String spec = part.trim();
            if (spec.isEmpty()) {
                throw new MynnException("'" + list + "' has an empty augmentation; write them separated by commas, e.g."
                        + " shift:2,elastic:34:4");
            }
            String[] p = spec.split(":", -1);
            Augmentation a = installed.get(p[0].trim().toLowerCase(java.util.Locale.ROOT));
            if (steps.stream().anyMatch(st -> st.augmentation().name().equals(a.name()))) {
                throw new MynnException("'" + a.name() + "' is given twice in '" + list + "'; give each augmentation once,"
                        + " with the settings you want (e.g. " + a.usage() + ")");
            }
            List<Double> given = new ArrayList<>();
            for (int i = 1; i < p.length; i++) {
                try {
                    given.add(Double.parseDouble(p[i].trim()));
                } catch (NumberFormatException e) {
                    throw new MynnException("'" + spec + "' is not understood: '" + p[i] + "' is not a number (write "
                            + a.usage() + ")");
                }
            }
            steps.add(new Step(a, a.settings(given), spec.replace(" ", "")));
            specs.add(spec.replace(" ", ""));
        }
        return new Augmentations(steps, String.join(",", specs));
    }

    /**
     * Checks every step's settings against pictures of this size.
     *
     * @throws MynnException naming the step that does not fit
     */
    public void checkFits(int rows, int cols) {
        for (Step s : steps) {
            s.augmentation().checkFits(s.settings(), rows, cols);
        }
    }

    /** @return the steps that add fixed copies, in order */
    public List<Step> copying() {
        return steps.stream().filter(s -> s.copies() > 0).toList();
    }

    /** @return the steps that distort afresh every epoch, in order */
    public List<Step> perEpoch() {
        return steps.stream().filter(s -> s.copies() == 0).toList();
    }

    /** @return true when some step draws random numbers afresh every epoch, so that a seed matters */
    public boolean random() {
        return !perEpoch().isEmpty();
    }

    /**
     * The random numbers of one picture in one epoch: a generator seeded by the run's seed, the epoch and the picture's
     * index, mixed so that neighbouring seeds give unrelated streams. Whatever thread draws them, they are the same.
     */
    public static SplittableRandom random(long seed, int epoch, int index) {
        long s = seed;
        s = mix(s ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        s = mix(s ^ (0xC2B2AE3D27D4EB4FL * (index + 1L)));
        return new SplittableRandom(s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Distorts one picture by every per-epoch step in turn.
     *
     * @param src not modified
     * @param out modified
     * @param tmp scratch space of the picture's size
     */
    public void distort(float[] src, float[] out, float[] tmp, int rows, int cols, long seed, int epoch, int index) {
        List<Step> each = perEpoch();
        SplittableRandom r = random(seed, epoch, index);
        float[] from = src;
        for (int s = 0; s < each.size(); s++) {
            float[] to = (each.size() - s) % 2 == 1 ? out : tmp;
            Step step = each.get(s);
            step.augmentation().apply(from, to, rows, cols, step.settings(), r.split(), 0);
            from = to;
        }
        if (each.isEmpty()) {
            System.arraycopy(src, 0, out, 0, rows * cols);
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
