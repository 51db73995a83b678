package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.mynn.core.io.ModelJson;
import org.mynn.core.kernel.KernelChoice;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.Dataset;

/** Model files as the front ends use them: a network with the names of its classes. */
public final class Models {

    /** A model read from a file. */
    public record Loaded(Path file, NeuralNetwork net, List<String> classes) {
    }

    private final ModelJson json;
    private final KernelChoice kernels;

    @Inject
    public Models(ModelJson json, KernelChoice kernels) {
        this.json = json;
        this.kernels = kernels;
    }

    /** @throws org.mynn.core.MynnException naming the file and what is wrong with it */
    public Loaded load(Path file) {
        NeuralNetwork net = json.load(file);
        return new Loaded(file, net, classNames(net));
    }

    /**
     * The model on the kernels {@link KernelChoice} picks for {@code samples} forward passes: short work (a test of
     * 10,000 images of the book's network, the web page's one picture) runs faster on the scalar kernels than the
     * vector ones are compiled; the same bits either way.
     */
    public Loaded forWork(Loaded m, long samples) {
        return new Loaded(m.file(), m.net().withKernels(kernels.forWork(m.net().weightCount() * samples)), m.classes());
    }

    /** Saves atomically; @throws org.mynn.core.MynnException when it cannot */
    public void save(NeuralNetwork net, Path file) {
        json.save(net, file);
    }

    /** @return the model's class names, from its provenance, else "0", "1", ... */
    public static List<String> classNames(NeuralNetwork net) {
        List<String> names = net.provenance().classes();
        return names != null && names.size() == net.outputSize() ? names : Dataset.numberedClasses(net.outputSize());
    }

    /**
     * @return a warning when a model that records its classes is measured on data of other classes (a Fashion-MNIST
     *         model on MNIST): the accuracy then compares answers by position only; null when they agree or are unknown
     */
    public static String classesDiffer(Loaded model, Dataset data) {
        List<String> recorded = model.net().provenance().classes();
        if (recorded == null || recorded.equals(data.classes())) {
            return null;
        }
        return "warning: " + model.file() + " was trained on the classes " + recorded + " but " + data.name() + " has "
                + data.classes() + "; its answers are counted right by position only";
    }
}
