package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.io.OnnxModels;
import org.mynn.core.model.NeuralNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import-onnx", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Read a multilayer perceptron from ONNX (e.g. exported from PyTorch or Keras) as a mynn model.",
        description = "Read an ONNX model whose graph is a chain of layers, each a Gemm (or MatMul with an optional Add"
                + " of a bias) followed by an activation mynn has (Sigmoid, Tanh, Relu, LeakyRelu, Softplus, Softmax, or a"
                + " plugin's), and save it as a mynn JSON model; then test, query, backquery and draw it as any other. A last"
                + " layer without activation (logits) gets a softmax, which keeps every answer. Anything else (convolutions,"
                + " other operators) is refused, naming the node.",
        footer = {"", "Examples:", "  mynn import-onnx --model mlp.onnx --out mlp.json",
            "  mynn test --model mlp.json"})
public final class ImportOnnxCommand extends BaseCommand {

    @Option(names = "--model", paramLabel = "MODEL.onnx", required = true, description = "the ONNX model")
    Path model;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "where the mynn model goes")
    Path out;

    @Inject
    Models models;
    @Inject
    OnnxModels onnx;

    @Override
    public Integer call() {
        Outputs.file(spec, "--out", out, Outputs.in("--model", model));
        OnnxModels.Imported im = onnx.load(model);
        for (String note : im.notes()) {
            out().println("note: " + note);
        }
        NeuralNetwork net = im.net();
        models.save(net, out);
        out().println("saved " + out + " (" + net.shape() + ", " + String.join(",", net.activations().stream()
                .map(a -> a.name()).toList()) + (net.hasBiases() ? ", biases" : "") + ")");
        return 0;
    }
}
