package org.mynn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.TrainingData;

/**
 * Labelled grey images held compactly: one byte per pixel (60,000 MNIST images take 47 MB), one per label.
 *
 * <p>Pixels are 0..255 with ink high (MNIST's polarity), row-major, image after image. Immutable.
 */
public final class Dataset implements TrainingData {

    private final String name;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels;
    private final List<String> classes;
    private final Provenance.DataReference reference;

    /**
     * @param name    shown to people, e.g. "mnist/train" or a file name
     * @param pixels  {@code labels.length * rows * cols} bytes; kept, not copied
     * @param labels  one per image, each below {@code classes.size()}; kept, not copied
     * @param classes the class names, index = label
     * @throws MynnException when the sizes disagree or a label is out of range
     */
    public Dataset(String name, int rows, int cols, byte[] pixels, byte[] labels, List<String> classes) {
        this(name, rows, cols, pixels, labels, classes, null);
    }

    /**
     * @param reference where the images came from (files and their SHA-256, or a named dataset); null when made in
     *                  memory
     */
    public Dataset(String name, int rows, int cols, byte[] pixels, byte[] labels, List<String> classes,
            Provenance.DataReference reference) {
        if (rows <= 0 || cols <= 0) {
            throw new MynnException(name + ": images must have at least one pixel but are " + rows + "x" + cols);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new MynnException(name + ": " + labels.length + " labels need " + (long) labels.length * rows * cols
                    + " pixels of " + rows + "x" + cols + " images but found " + pixels.length);
        }
        if (classes.isEmpty() || classes.size() > 256) {
            throw new MynnException(name + ": a dataset needs 1 to 256 classes but has " + classes.size());
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classes.size()) {
                throw new MynnException(name + ": label " + (labels[i] & 0xff) + " of record " + i
                        + " is outside the classes 0.." + (classes.size() - 1));
            }
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
        this.classes = List.copyOf(classes);
        this.reference = reference;
    }

    /** @return where the images came from, to record in a model and load again; null when made in memory */
    @Override
    public Provenance.DataReference reference() {
        return reference;
    }

    /** @return the same images, referring to {@code ref} */
    public Dataset withReference(Provenance.DataReference ref) {
        return new Dataset(name, rows, cols, pixels, labels, classes, ref);
    }

    /** @return class names "0" .. "n-1" */
    public static List<String> numberedClasses(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of images */
    @Override
    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** @return {@code rows * cols}, the network's input size for this data */
    public int pixelsPerImage() {
        return rows * cols;
    }

    @Override
    public int inputSize() {
        return pixelsPerImage();
    }

    @Override
    public int classCount() {
        return classes.size();
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    /** @return the class names; index = label */
    public List<String> classes() {
        return classes;
    }

    /** @return the label of image {@code i} */
    @Override
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** @return a copy of image {@code i}'s pixels, 0..255 as unsigned bytes */
    public byte[] image(int i) {
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** @return pixel {@code p} of image {@code i}, 0..255 */
    public int pixel(int i, int p) {
        return pixels[i * pixelsPerImage() + p] & 0xff;
    }

    /** Writes image {@code i}'s network input into {@code out} (length {@link #pixelsPerImage()}). */
    @Override
    public void input(int i, double[] out) {
        Encoding.inputs(pixels, i * pixelsPerImage(), out);
    }

    /** Writes image {@code i}'s targets into {@code out} (length {@code classes().size()}). */
    @Override
    public void target(int i, double[] out) {
        Encoding.target(label(i), out);
    }

    /** @return images {@code from} (inclusive) to {@code to} (exclusive), copied; made in memory (no reference) */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new MynnException(name + ": cannot take records " + from + ".." + to + " of " + size());
        }
        int n = pixelsPerImage();
        return new Dataset(name + "[" + from + ":" + to + "]", rows, cols, Arrays.copyOfRange(pixels, from * n, to * n),
                Arrays.copyOfRange(labels, from, to), classes);
    }

    /**
     * @return images {@code from} (inclusive) to {@code to} (exclusive), copied, referring to those records of the same
     *         data (so that a checkpoint loads the same part again)
     */
    public Dataset part(int from, int to) {
        Dataset s = slice(from, to);
        return reference == null ? s : s.withReference(reference.slice(from, to));
    }

    /** The backing label array, for this package; never modify it. */
    byte[] labelArray() {
        return labels;
    }

    /** The backing pixel array, for writers in this package; never modify it. */
    byte[] pixelArray() {
        return pixels;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images of " + rows + "x" + cols + ", " + classes.size() + " classes)";
    }
}
