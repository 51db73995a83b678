package org.mynn.core.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mynn.core.Plugin;

/**
 * The promises every {@link Augmentation} must keep, checked on a test picture: a plugin author runs
 * {@code AugmentationContract.check(new MyAugmentation())} in a test, and {@code mynn plugins --check} runs it on
 * everything installed.
 *
 * <ul>
 *   <li>its name matches {@link Plugin#NAME_PATTERN}; its usage starts with its name; its default settings (or, when
 *       some must be given, the example settings passed in) are accepted, and a setting too many is refused;</li>
 *   <li>every output is a grey value in 0..255, and the source picture is not modified;</li>
 *   <li>a blank picture stays blank;</li>
 *   <li>the same random numbers give the same picture, bit for bit, so that runs repeat.</li>
 * </ul>
 */
public final class AugmentationContract {

    private AugmentationContract() {
    }

    /** @return the broken promises, one sentence each, checked with its default settings */
    public static List<String> check(Augmentation a) {
        return check(a, List.of());
    }

    /**
     * @param example settings to check with, for an augmentation that has settings without defaults (e.g. {@code
     *                rotate}'s degrees); empty to use the defaults
     * @return the broken promises, one sentence each
     */
    public static List<String> check(Augmentation a, List<Double> example) {
        List<String> problems = new ArrayList<>();
        if (a.name() == null || !a.name().matches(Plugin.NAME_PATTERN)) {
            problems.add("name '" + a.name() + "' does not match " + Plugin.NAME_PATTERN);
        }
        if (a.usage() == null || !a.usage().startsWith(String.valueOf(a.name()))) {
            problems.add("usage '" + a.usage() + "' must start with the name");
        }
        double[] settings;
        try {
            settings = a.settings(example);
        } catch (RuntimeException e) {
            problems.add("settings " + example + " are refused: " + e.getMessage());
            return problems;
        }
        try {
            List<Double> tooMany = new ArrayList<>();
            for (int i = 0; i <= settings.length; i++) {
                tooMany.add(1.0);
            }
            a.settings(tooMany);
            problems.add("settings(" + tooMany + ") should be refused: it takes " + settings.length);
        } catch (org.mynn.core.MynnException expected) {
            // as promised
        }
        if (a.copies(settings) < 0) {
            problems.add("copies() must be 0 or more but is " + a.copies(settings));
        }
        int rows = 28;
        int cols = 28;
        float[] picture = testPicture(rows, cols);
        float[] before = picture.clone();
        int runs = Math.max(1, a.copies(settings));
        for (int copy = 0; copy < runs; copy++) {
            float[] out = new float[rows * cols];
            float[] again = new float[rows * cols];
            a.apply(picture, out, rows, cols, settings, Augmentations.random(7, 1, copy), copy);
            a.apply(picture, again, rows, cols, settings, Augmentations.random(7, 1, copy), copy);
            if (!Arrays.equals(picture, before)) {
                problems.add("apply() modified the source picture");
                break;
            }
            for (int i = 0; i < out.length; i++) {
                if (!(out[i] >= 0 && out[i] <= 255)) {
                    problems.add("apply() gave " + out[i] + " at pixel " + i + ", not a grey value in 0..255");
                    break;
                }
            }
            if (!Arrays.equals(out, again)) {
                problems.add("apply() gave different pictures for the same random numbers (copy " + copy + ")");
            }
            float[] blank = new float[rows * cols];
            float[] moved = new float[rows * cols];
            a.apply(blank, moved, rows, cols, settings, Augmentations.random(7, 2, copy), copy);
            for (float v : moved) {
                if (v != 0) {
                    problems.add("a blank picture did not stay blank (copy " + copy + ")");
                    break;
                }
            }
        }
        return problems;
    }

    /** A ring of ink in the middle of a blank picture, like a zero. */
    static float[] testPicture(int rows, int cols) {
        float[] p = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double r = Math.hypot(y - rows / 2.0, (x - cols / 2.0) * 1.4);
                p[y * cols + x] = (float) Math.max(0, 255 - 120 * Math.abs(r - 7));
            }
        }
        return p;
    }
}
