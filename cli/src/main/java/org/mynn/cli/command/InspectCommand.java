package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.mynn.cli.option.JsonOption;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.Models;
import org.mynn.core.activation.Activation;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true, header = "Describe a model: layers, activations, weights, how it was trained.",
        description = "Describe a model: layers, activations, weights, how it was trained.",
        footer = {"", "Example:", "  mynn inspect --model model.json"})
public final class InspectCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @Mixin
    JsonOption json;

    @Inject
    Models models;
    @Inject
    ModelJson modelJson;


    @Override
    public Integer call() {
        NeuralNetwork net = models.load(model.path).net();
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int k = 0; k < net.depth(); k++) {
            DMatrixRMaj w = net.weights(k);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < w.getNumElements(); i++) {
                sum += w.data[i];
                min = Math.min(min, w.data[i]);
                max = Math.max(max, w.data[i]);
            }
            double mean = sum / w.getNumElements();
            double var = 0;
            for (int i = 0; i < w.getNumElements(); i++) {
                var += (w.data[i] - mean) * (w.data[i] - mean);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", w.numRows);
            m.put("cols", w.numCols);
            m.put("activation", net.activation(k).name());
            m.put("mean", Jsons.round(mean));
            m.put("std", Jsons.round(Math.sqrt(var / w.getNumElements())));
            m.put("min", Jsons.round(min));
            m.put("max", Jsons.round(max));
            matrices.add(m);
        }
        Provenance f = net.provenance();
        if (json.on()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", model.path.toString());
            m.put("layers", net.layers());
            m.put("activations", net.activations().stream().map(Activation::name).toList());
            m.put("loss", net.loss().name());
            m.put("biases", net.hasBiases());
            m.put("learningRate", net.learningRate());
            m.put("matrices", matrices);
            m.put("training", modelJson.provenanceTree(f));
            out().println(Jsons.write(m));
            return 0;
        }
        out().println(model.path + ": mynn-model, " + net.shape() + ", learning rate " + net.learningRate()
                + (net.loss().name().equals("mse") ? "" : ", loss " + net.loss().name()));
        long params = 0;
        for (int k = 0; k < net.depth(); k++) {
            Map<String, Object> m = matrices.get(k);
            params += (int) m.get("rows") * (long) (int) m.get("cols");
            out().printf(Locale.ROOT, "  weights[%d]  %4d x %-4d  %-10s  mean %+.4f  std %.4f  min %+.3f  max %+.3f%n", k,
                    m.get("rows"), m.get("cols"), m.get("activation"), m.get("mean"), m.get("std"), m.get("min"), m.get("max"));
        }
        if (net.hasBiases()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] b : net.allBiases()) {
                for (double v : b) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            out().printf(Locale.ROOT, "  %,d weights and %,d biases (min %+.3f, max %+.3f)%n", params, net.biasCount(), lo, hi);
        } else {
            out().printf(Locale.ROOT, "  %,d weights, no biases (as the book)%n", params);
        }
        out().printf(Locale.ROOT, "  trained: %s epoch(s), %,d samples of %s; seed %s, init %s, rule %s%s%s%n",
                orDash(f.epochs()), f.samplesSeen() == null ? 0 : f.samplesSeen(), orDash(f.dataset()),
                orDash(f.seed()), orDash(f.init()), orDash(f.rule()),
                f.optimizer() == null ? "" : ", optimizer " + f.optimizer(),
                f.schedule() == null ? "" : ", lr schedule " + f.schedule());
        if (f.platform() != null) {
            Provenance.Platform p = f.platform();
            out().printf(Locale.ROOT, "  on mynn %s, Java %s, %s %s, %s kernels%s%n", p.mynn(), p.java(), p.os(), p.arch(),
                    p.kernel(), p.vectorBits() == null || p.vectorBits() == 0 ? "" : " (" + p.vectorBits() + "-bit)");
        }
        if (f.data() != null && !f.data().files().isEmpty()) {
            out().println("  data: " + String.join(", ", f.data().files().stream()
                    .map(d -> d.path() + (d.sha256() == null ? "" : " (SHA-256 " + d.sha256().substring(0, 12) + "...)")).toList()));
        }
        if (f.accuracy() != null) {
            out().printf(Locale.ROOT, "  test accuracy %.4f%n", f.accuracy());
        }
        if (f.classes() != null) {
            out().println("  classes: " + String.join(", ", f.classes()));
        }
        if (f.created() != null) {
            out().println("  created " + f.created());
        }
        for (Provenance.Epoch e : f.history()) {
            out().printf(Locale.ROOT, "  epoch %d: %s%s%s%s%n", e.epoch(),
                    e.validation() == null ? "" : String.format(Locale.ROOT, "validation %.4f  ", e.validation()),
                    e.accuracy() == null ? "" : String.format(Locale.ROOT, "accuracy %.4f  ", e.accuracy()),
                    e.mse() == null ? "" : String.format(Locale.ROOT, "mse %.5f  ", e.mse()),
                    e.seconds() == null ? "" : String.format(Locale.ROOT, "%.1f s", e.seconds()));
        }
        return 0;
    }

    private static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
