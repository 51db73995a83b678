package org.mynn.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.mynn.core.kernel.Kernels;

/**
 * How a network was made, stored under {@code "training"} in its model file: immutable, every part optional.
 * Written by the builder (seed, initialisation, rule, when) and the trainer (settings, platform, data, epochs).
 *
 * @param seed        the seed of the initial weights
 * @param init        how the initial weights were drawn
 * @param rule        the backpropagation rule the network trains with ({@link BackpropRule#BOOK} when null)
 * @param order       the order its epochs visited the samples in ({@link Order#FILE} when null)
 * @param precision   the arithmetic it was trained in
 * @param batch       samples per update: 1 for the book's per-sample SGD
 * @param optimizer   the optimizer with its settings, e.g. "momentum:0.9"; null for the book's plain SGD
 * @param schedule    the learning rate's schedule, e.g. "cosine"; null for the book's constant rate
 * @param epochs      epochs completed
 * @param samplesSeen training samples seen in all
 * @param accuracy    the last measured test accuracy, 0..1
 * @param dataset     the training data's name, e.g. "mnist/train"
 * @param data        where the training data came from, with the SHA-256 of its files
 * @param test        the test data that measured {@code accuracy} and the history's accuracy and mse; null when none was
 *                    given, or in files of mynn before the record named it
 * @param validation  the images held out that measured the history's validation accuracy; null when none
 * @param classes     the names of the output classes, index = label
 * @param created     when the network was created, ISO-8601
 * @param platform    mynn, Java, system and kernels it was last trained on: bit-exact results depend on them
 * @param history     one entry per finished epoch, oldest first; never null
 * @param checkpoint  where an interrupted run stands: in checkpoint files only
 * @param other       facts under names this version does not know, kept for the next save; never null
 */
public record Provenance(Long seed, WeightInit init, BackpropRule rule, Order order, Precision precision, Integer batch,
        String optimizer, String schedule, Integer epochs, Long samplesSeen, Double accuracy, String dataset, DataReference data,
        DataReference test, DataReference validation, List<String> classes, String created, Platform platform, List<Epoch> history, Checkpoint checkpoint, Map<String, Object> other) {

    /** Nothing known. */
    public static final Provenance NONE = new Builder().build();

    public Provenance {
        classes = classes == null ? null : List.copyOf(classes);
        history = history == null ? List.of() : List.copyOf(history);
        other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** @return the rule, {@link BackpropRule#BOOK} when none is recorded */
    public BackpropRule ruleOrBook() {
        return rule == null ? BackpropRule.BOOK : rule;
    }

    /** @return the order, {@link Order#FILE} when none is recorded */
    public Order orderOrFile() {
        return order == null ? Order.FILE : order;
    }

    /** @return a builder starting from these facts */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * One finished epoch.
     *
     * @param epoch      its number, from 1
     * @param accuracy   test accuracy, when a test set was given
     * @param mse        the test set's mean squared error, with it
     * @param seconds    the time it took to train
     * @param validation accuracy on the held-out validation images, when some were held out
     * @param loss       the training loss, averaged over the epoch's samples as they were trained
     */
    public record Epoch(int epoch, Double accuracy, Double mse, Double seconds, Double validation, Double loss) {

        /** An epoch without validation and training loss, as mynn before 0.3 recorded them. */
        public Epoch(int epoch, Double accuracy, Double mse, Double seconds) {
            this(epoch, accuracy, mse, seconds, null, null);
        }
    }

    /**
     * Where an interrupted run stands, written into checkpoint files only: whole epochs done, samples of the next
     * one done, the epochs wanted, the training, test and validation data, so that the run can load them again, and
     * the optimizer's state, so that it goes on bit for bit.
     *
     * @param validation     the held-out images; null when none
     * @param optimizerState null for the book's SGD, which keeps none
     */
    public record Checkpoint(int epochsDone, int samplesDone, int epochs, DataReference train, DataReference test,
            DataReference validation, OptimizerState optimizerState) {

        /** A checkpoint of a run without validation data or optimizer state. */
        public Checkpoint(int epochsDone, int samplesDone, int epochs, DataReference train, DataReference test) {
            this(epochsDone, samplesDone, epochs, train, test, null, null);
        }

        /** @return the same position and data with this optimizer state */
        public Checkpoint withOptimizerState(OptimizerState s) {
            return new Checkpoint(epochsDone, samplesDone, epochs, train, test, validation, s);
        }
    }

    /**
     * What an optimizer with state (momentum's velocities, Adam's moments) has learnt so far, kept in checkpoints.
     *
     * @param optimizer how it was configured, e.g. "adam:0.9:0.999:1e-08"
     * @param step      the steps taken
     * @param slots     {@code slots[s][i]}: state value {@code s} of every parameter of tensor {@code i}, the weight
     *                  matrices first (row-major), then the bias vectors; not copied
     */
    public record OptimizerState(String optimizer, long step, double[][][] slots) {
    }

    /**
     * Where a dataset came from: enough to load it again, and to check that it is the same.
     *
     * @param name    its name for people, e.g. "mnist/train" or "train.csv"
     * @param dataset a named dataset, e.g. "mnist"; null for data read from files
     * @param split   with {@code dataset}: "train" or "test"
     * @param dataDir with {@code dataset}: the cache folder it was read from; null for the default
     * @param size    the number of samples (after augmentation)
     * @param classes the number of classes
     * @param files   the files read, with the SHA-256 of each (as stored: compressed or not)
     * @param augment the augmentation applied, e.g. "rotate:10" or "elastic:34:4"; null for none
     * @param seed    the seed of the augmentation's random draws; null for none
     * @param range   the records taken, {@code FROM:TO} (from inclusive, to exclusive), before any augmentation; null
     *                for all
     */
    public record DataReference(String name, String dataset, String split, String dataDir, Integer size, Integer classes,
            List<DataFile> files, String augment, Long seed, String range) {

        public DataReference {
            files = files == null ? List.of() : List.copyOf(files);
        }

        /** A reference to all of a dataset's records, not augmented. */
        public DataReference(String name, String dataset, String split, String dataDir, Integer size, Integer classes,
                List<DataFile> files, String augment) {
            this(name, dataset, split, dataDir, size, classes, files, augment, null, null);
        }

        /** @return the same data with an augmentation (drawn from {@code seed}, null if not random) and its size */
        public DataReference augmented(String spec, Long seed, int newSize) {
            return new DataReference(name, dataset, split, dataDir, newSize, classes, files, spec, seed, range);
        }

        /**
         * @return this reference as a model file names it, portable to another machine: a named dataset by its name
         *         alone (not the cache folder it was read from), a file by its path relative to the folder mynn runs in
         *         when it lies under it, else by its file name; always with its SHA-256
         */
        public DataReference portable() {
            Path here = Path.of("").toAbsolutePath().normalize();
            List<DataFile> named = new ArrayList<>();
            for (DataFile f : files) {
                Path p = Path.of(f.path());
                String name = f.path();
                if (p.isAbsolute() && p.getFileName() != null) {
                    Path n = p.normalize();
                    name = n.startsWith(here) && !n.equals(here) ? here.relativize(n).toString() : n.getFileName().toString();
                }
                named.add(new DataFile(name, f.sha256()));
            }
            return new DataReference(name, dataset, split, null, size, classes, named, augment, seed, range);
        }

        /** @return records {@code [from, to)} of the data this refers to (not augmented) */
        public DataReference slice(int from, int to) {
            return new DataReference(name + "[" + from + ":" + to + "]", dataset, split, dataDir, to - from, classes, files,
                    null, null, from + ":" + to);
        }
    }

    /** A file read, by its path (or its name in the data cache), with the SHA-256 of its bytes. */
    public record DataFile(String path, String sha256) {
    }

    /**
     * What a network was trained on: mynn's version, Java's, the system and the kernels. Training gives the same
     * bits with any kernels and vector width ({@link Kernels#SUMS}); another JVM or architecture may differ in the
     * last bits.
     *
     * @param vectorBits the width of the vector kernels, 0 for the scalar ones
     * @param sums the order the kernels summed in ({@link Kernels#SUMS}); null in files made before mynn summed in
     *        one order on every vector width, whose weights depend on the kernels and the width
     */
    public record Platform(String mynn, String java, String os, String arch, String kernel, Integer vectorBits,
            String sums) {

        /** A platform of a file made before mynn recorded its order of sums. */
        public Platform(String mynn, String java, String os, String arch, String kernel, Integer vectorBits) {
            this(mynn, java, os, arch, kernel, vectorBits, null);
        }

        /** mynn's version, from the build; "development" when run from a source tree's classes. */
        public static final String MYNN_VERSION = readVersion();

        /** @return this JVM and system, with {@code kernels} */
        public static Platform current(Kernels kernels) {
            return new Platform(MYNN_VERSION, System.getProperty("java.version"), System.getProperty("os.name"),
                    System.getProperty("os.arch"), kernels.vectorBits() > 0 ? "vector" : "scalar", kernels.vectorBits(),
                    Kernels.SUMS);
        }

        private static String readVersion() {
            try (InputStream in = Platform.class.getResourceAsStream("/org/mynn/core/mynn.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                String v = p.getProperty("version");
                return v == null || v.isBlank() || v.startsWith("${") ? "development" : v;
            } catch (IOException e) {
                return "development";
            }
        }
    }

    /** Builds {@link Provenance}; every part starts unknown. */
    public static final class Builder {
        private Long seed;
        private WeightInit init;
        private BackpropRule rule;
        private Order order;
        private Precision precision;
        private Integer batch;
        private String optimizer;
        private String schedule;
        private Integer epochs;
        private Long samplesSeen;
        private Double accuracy;
        private String dataset;
        private DataReference data;
        private DataReference test;
        private DataReference validation;
        private List<String> classes;
        private String created;
        private Platform platform;
        private final List<Epoch> history = new ArrayList<>();
        private Checkpoint checkpoint;
        private final Map<String, Object> other = new LinkedHashMap<>();

        public Builder() {
        }

        private Builder(Provenance p) {
            seed = p.seed;
            init = p.init;
            rule = p.rule;
            order = p.order;
            precision = p.precision;
            batch = p.batch;
            optimizer = p.optimizer;
            schedule = p.schedule;
            epochs = p.epochs;
            samplesSeen = p.samplesSeen;
            accuracy = p.accuracy;
            dataset = p.dataset;
            data = p.data;
            test = p.test;
            validation = p.validation;
            classes = p.classes;
            created = p.created;
            platform = p.platform;
            history.addAll(p.history);
            checkpoint = p.checkpoint;
            other.putAll(p.other);
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        public Builder init(WeightInit v) {
            init = v;
            return this;
        }

        public Builder rule(BackpropRule v) {
            rule = v;
            return this;
        }

        public Builder order(Order v) {
            order = v;
            return this;
        }

        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        public Builder batch(Integer v) {
            batch = v;
            return this;
        }

        public Builder optimizer(String v) {
            optimizer = v;
            return this;
        }

        public Builder schedule(String v) {
            schedule = v;
            return this;
        }

        public Builder epochs(Integer v) {
            epochs = v;
            return this;
        }

        public Builder samplesSeen(Long v) {
            samplesSeen = v;
            return this;
        }

        public Builder accuracy(Double v) {
            accuracy = v;
            return this;
        }

        public Builder dataset(String v) {
            dataset = v;
            return this;
        }

        public Builder data(DataReference v) {
            data = v;
            return this;
        }

        /** The test data that measured the accuracy. */
        public Builder test(DataReference v) {
            test = v;
            return this;
        }

        /** The images held out that measured the validation accuracy. */
        public Builder validation(DataReference v) {
            validation = v;
            return this;
        }

        public Builder classes(List<String> v) {
            classes = v;
            return this;
        }

        public Builder created(String v) {
            created = v;
            return this;
        }

        public Builder platform(Platform v) {
            platform = v;
            return this;
        }

        public Builder history(List<Epoch> v) {
            history.clear();
            history.addAll(v);
            return this;
        }

        /** Adds a finished epoch to the history. */
        public Builder epoch(Epoch v) {
            history.add(v);
            return this;
        }

        public Builder checkpoint(Checkpoint v) {
            checkpoint = v;
            return this;
        }

        /** Keeps a fact this version does not know. */
        public Builder other(String name, Object value) {
            other.put(name, value);
            return this;
        }

        public Provenance build() {
            return new Provenance(seed, init, rule, order, precision, batch, optimizer, schedule, epochs, samplesSeen, accuracy, dataset, data, test,
                    validation, classes, created, platform, history, checkpoint, other);
        }
    }
}
