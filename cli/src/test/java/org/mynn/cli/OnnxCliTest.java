package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/** export-onnx and import-onnx from the command line: a round trip, and a foreign graph refused in one line. */
class OnnxCliTest {

    @TempDir
    Path dir;

    @Test
    void exportThenImport_fromTheCommandLine_givesTheModelBack() throws Exception {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        NeuralNetwork net = NeuralNetwork.builder(784, 16, 10).seed(2).biases(true).build();
        json.save(net, dir.resolve("m.json"));
        Cli.Result out = Cli.run("export-onnx", "--model", dir.resolve("m.json").toString(), "--out", dir.resolve("m.onnx").toString());
        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(out.out()).contains("wrote " + dir.resolve("m.onnx"), "784-16-10", "float32");
        Cli.Result in = Cli.run("import-onnx", "--model", dir.resolve("m.onnx").toString(), "--out", dir.resolve("back.json").toString());
        assertThat(in.exit()).as(in.toString()).isZero();
        assertThat(in.out()).contains("saved " + dir.resolve("back.json") + " (784-16-10, sigmoid,sigmoid, biases)");
        NeuralNetwork back = json.load(dir.resolve("back.json"));
        assertThat((float) back.weights(1).get(3, 7)).isEqualTo((float) net.weights(1).get(3, 7));
        assertThat(back.provenance().seed()).isEqualTo(2L);
        Cli.Result t = Cli.run("inspect", "--model", dir.resolve("back.json").toString());
        assertThat(t.exit()).isZero();
    }

    @Test
    void aConvolution_isRefusedInOneLine_namingItsNode() throws Exception {
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder()
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x"))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("k").setDataType(1).addDims(1).addFloatData(1f))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Conv").setName("conv1").addInput("x").addInput("k")
                        .addOutput("y"))
                .build();
        Path file = dir.resolve("cnn.onnx");
        Files.write(file, OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray());
        Cli.Result r = Cli.run("import-onnx", "--model", file.toString(), "--out", dir.resolve("cnn.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("mynn: " + file + ": node 'conv1' (Conv): is not part of a multilayer perceptron")
                .doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("cnn.json"))).isFalse();
    }

    @Test
    void theReadmesJavaExample_runsAnExportedModel() throws Exception {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        json.save(NeuralNetwork.builder(784, 16, 10).seed(3).build(), dir.resolve("m.json"));
        Path onnx = dir.resolve("model.onnx");
        assertThat(Cli.run("export-onnx", "--model", dir.resolve("m.json").toString(), "--out", onnx.toString()).exit()).isZero();
        Path build = java.nio.file.Files.createDirectories(dir.resolve("snippet"));
        Object n = org.mynn.core.ReadmeSnippets.run(build, org.mynn.core.ReadmeSnippets.block("onnx-java"),
                java.util.List.of("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OrtEnvironment", "ai.onnxruntime.OrtSession",
                        "java.util.Map"),
                java.util.Map.of("\"model.onnx\"", "\"" + onnx.toString().replace("\\", "\\\\") + "\""),
                "scores.length * 100 + scores[0].length");
        assertThat(n).isEqualTo(210);
    }
}
