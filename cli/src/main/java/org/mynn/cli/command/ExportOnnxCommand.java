package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.io.OnnxModels;
import org.mynn.core.model.NeuralNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export-onnx", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write a model as ONNX, for ONNX Runtime and the tools that read it.",
        description = "Write a model as an ONNX file (float32, opset 13): one Gemm per layer (with its biases), each"
                + " activation as its ONNX operator, an input 'input' of shape [N, inputs] and an output 'output' of"
                + " shape [N, classes]; mynn's version and the model's training facts go into its metadata.",
        footer = {"", "Then, in Python:", "  import onnxruntime, numpy",
            "  s = onnxruntime.InferenceSession('m.onnx')",
            "  scores = s.run(None, {'input': pixels.astype(numpy.float32) / 255 * 0.99 + 0.01})[0]"})
public final class ExportOnnxCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @Option(names = "--out", paramLabel = "FILE.onnx", required = true, description = "where the ONNX model goes")
    Path out;

    @Inject
    Models models;
    @Inject
    OnnxModels onnx;

    @Override
    public Integer call() {
        Outputs.file(spec, "--out", out, Outputs.in("--model", model.path));
        NeuralNetwork net = models.load(model.path).net();
        onnx.save(net, out);
        out().println("wrote " + out + " (" + net.shape() + ", " + String.join(",", net.activations().stream()
                .map(a -> a.name()).distinct().toList()) + (net.hasBiases() ? ", biases" : "") + "; float32, input 'input'"
                + " [N, " + net.inputSize() + "], output 'output' [N, " + net.outputSize() + "])");
        return 0;
    }
}
