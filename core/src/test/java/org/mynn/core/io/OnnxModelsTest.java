package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;

/** ONNX export and import without a runtime: round trips, both layouts other tools write, and refusals. */
class OnnxModelsTest {

    static final ActivationRegistry ACTIVATIONS = ActivationRegistry.load();
    static final OnnxModels ONNX = new OnnxModels(ACTIVATIONS, new ModelJson(ACTIVATIONS));

    @TempDir
    Path dir;

    static NeuralNetwork net(String activation, boolean bias) {
        var b = NeuralNetwork.builder(784, 30, 20, 10).seed(5).activations(List.of(ACTIVATIONS.get(activation)));
        if (activation.equals("softmax")) {
            b = NeuralNetwork.builder(784, 30, 20, 10).seed(5)
                    .activations(List.of(ACTIVATIONS.get("sigmoid"), ACTIVATIONS.get("tanh"), ACTIVATIONS.get("softmax")))
                    .loss(new CrossEntropy());
        }
        return b.biases(bias).build();
    }

    /** @return the network with its weights (and biases) rounded to float, as an exported file holds them */
    static double[] asFloats(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "relu", "leaky-relu", "softplus", "softmax"})
    void exportThenImport_givesTheSameNetwork_inFloat(String activation) throws Exception {
        for (boolean bias : new boolean[] {false, true}) {
            NeuralNetwork net = net(activation, bias);
            Path file = dir.resolve(activation + bias + ".onnx");
            ONNX.save(net, file);
            OnnxModels.Imported back = ONNX.load(file);
            assertThat(back.notes()).isEmpty();
            NeuralNetwork n = back.net();
            assertThat(n.layers()).containsExactly(net.layers());
            assertThat(n.activations().stream().map(Activation::name).toList())
                    .isEqualTo(net.activations().stream().map(Activation::name).toList());
            assertThat(n.hasBiases()).isEqualTo(bias);
            for (int k = 0; k < 3; k++) {
                assertThat(n.weights(k).data).containsExactly(asFloats(net.weights(k).data));
                if (bias) {
                    assertThat(n.allBiases()[k]).containsExactly(asFloats(net.allBiases()[k]));
                }
            }
            assertThat(n.provenance().seed()).as("the training facts travel in the metadata").isEqualTo(5L);
        }
    }

    @Test
    void theExportedGraph_isGemmsAndActivations_float32_withABatchInput() {
        ModelProto m = ONNX.toOnnx(net("leaky-relu", true));
        GraphProto g = m.getGraph();
        assertThat(g.getNodeList().stream().map(NodeProto::getOpType).toList())
                .containsExactly("Gemm", "LeakyRelu", "Gemm", "LeakyRelu", "Gemm", "LeakyRelu");
        assertThat(g.getNode(1).getAttribute(0).getF()).isEqualTo(0.01f);
        assertThat(g.getInput(0).getType().getTensorType().getElemType()).isEqualTo(TensorProto.DataType.FLOAT.getNumber());
        assertThat(g.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
        assertThat(g.getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue()).isEqualTo(784);
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(13);
        assertThat(m.getMetadataPropsList().stream().map(OnnxMl.StringStringEntryProto::getKey).toList())
                .contains("mynn.version", "mynn.activations", "mynn.training");
    }

    // ---- graphs as other tools write them ----

    static TensorProto tensor(String name, double[] v, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (double x : v) {
            t.addFloatData((float) x);
        }
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 0.1);
        }
        return v;
    }

    static NodeProto node(String op, String name, List<String> in, String out, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        return n.build();
    }

    static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static ModelProto model(GraphProto.Builder g) {
        g.addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(6))))));
        g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y"));
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("pytorch").setGraph(g).build();
    }

    @Test
    void matMulAndAdd_asKerasWritesThem_areRead() {
        double[] w1 = random(6 * 4, 1);     // [in 6, out 4]: MatMul's B
        double[] b1 = random(4, 2);
        double[] w2 = random(4 * 3, 3);     // [in 4, out 3]
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInitializer(tensor("w1", w1, 6, 4)).addInitializer(tensor("b1", b1, 4))
                .addInitializer(tensor("w2", w2, 4, 3))
                .addNode(node("MatMul", "dense", List.of("x", "w1"), "m1"))
                .addNode(node("Add", "dense_bias", List.of("m1", "b1"), "z1"))
                .addNode(node("Relu", "relu", List.of("z1"), "a1"))
                .addNode(node("MatMul", "logits", List.of("a1", "w2"), "y"));
        OnnxModels.Imported im = ONNX.fromOnnx(model(g));
        NeuralNetwork n = im.net();
        assertThat(n.layers()).containsExactly(6, 4, 3);
        assertThat(n.activations().stream().map(Activation::name).toList()).containsExactly("relu", "softmax");
        assertThat(im.notes()).singleElement().asString().contains("logits", "softmax");
        DMatrixRMaj w = n.weights(0);
        assertThat(w.numRows).isEqualTo(4);
        assertThat(w.get(2, 5)).isEqualTo(w1[5 * 4 + 2]);
        assertThat(n.allBiases()[0]).containsExactly(b1);
        assertThat(n.allBiases()[1]).containsOnly(0.0);
        // and it answers as the graph would: softmax(W2 relu(W1^T x + b1))
        double[] x = random(6, 9);
        double[] h = new double[4];
        for (int o = 0; o < 4; o++) {
            double s = b1[o];
            for (int i = 0; i < 6; i++) {
                s += x[i] * w1[i * 4 + o];
            }
            h[o] = Math.max(0, s);
        }
        double[] z = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4; i++) {
                z[o] += h[i] * w2[i * 3 + o];
            }
            max = Math.max(max, z[o]);
        }
        double sum = 0;
        for (int o = 0; o < 3; o++) {
            sum += Math.exp(z[o] - max);
        }
        double[] q = n.query(x);
        for (int o = 0; o < 3; o++) {
            assertThat(q[o]).isCloseTo(Math.exp(z[o] - max) / sum, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void gemmWithoutTransB_withAlphaAndBeta_isRead() {
        double[] w1 = random(6 * 5, 4);     // [in 6, out 5]: transB = 0
        double[] c = random(5, 5);
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInitializer(tensor("w", w1, 6, 5)).addInitializer(tensor("c", c, 1, 5))
                .addNode(node("Gemm", "fc", List.of("x", "w", "c"), "z",
                        AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(2f).build(),
                        AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT).setF(0.5f).build()))
                .addNode(node("Sigmoid", "s", List.of("z"), "y"));
        NeuralNetwork n = ONNX.fromOnnx(model(g)).net();
        assertThat(n.layers()).containsExactly(6, 5);
        assertThat(n.weights(0).get(3, 1)).isEqualTo(2 * w1[1 * 5 + 3]);
        assertThat(n.allBiases()[0][2]).isEqualTo(0.5 * c[2]);
    }

    @Test
    void foreignOrMalformedGraphs_areRefused_namingTheNode() throws Exception {
        GraphProto.Builder conv = GraphProto.newBuilder().addInitializer(tensor("k", random(9, 1), 1, 1, 3, 3))
                .addNode(node("Conv", "conv1", List.of("x", "k"), "y"));
        assertThatThrownBy(() -> ONNX.fromOnnx(model(conv))).isInstanceOf(MynnException.class)
                .hasMessageContaining("node 'conv1' (Conv)").hasMessageContaining("Sigmoid");
        GraphProto.Builder elu = GraphProto.newBuilder().addInitializer(tensor("w", random(6 * 2, 1), 2, 6))
                .addNode(node("Gemm", "fc", List.of("x", "w"), "z", intAttr("transB", 1)))
                .addNode(node("Elu", "elu", List.of("z"), "y"));
        assertThatThrownBy(() -> ONNX.fromOnnx(model(elu))).hasMessageContaining("node 'elu' (Elu)");
        GraphProto.Builder leaky = GraphProto.newBuilder().addInitializer(tensor("w", random(6 * 2, 1), 2, 6))
                .addNode(node("Gemm", "fc", List.of("x", "w"), "z", intAttr("transB", 1)))
                .addNode(node("LeakyRelu", "lr", List.of("z"), "y",
                        AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT).setF(0.2f).build()));
        assertThatThrownBy(() -> ONNX.fromOnnx(model(leaky))).hasMessageContaining("alpha = 0.2")
                .hasMessageContaining("match no installed activation");
        GraphProto.Builder notConstant = GraphProto.newBuilder()
                .addNode(node("Gemm", "fc", List.of("x", "w"), "z", intAttr("transB", 1)))
                .addNode(node("Sigmoid", "s", List.of("z"), "y"));
        assertThatThrownBy(() -> ONNX.fromOnnx(model(notConstant))).hasMessageContaining("'w' is not a constant");
        GraphProto.Builder wrongWidth = GraphProto.newBuilder().addInitializer(tensor("w", random(7 * 2, 1), 2, 7))
                .addNode(node("Gemm", "fc", List.of("x", "w"), "z", intAttr("transB", 1)))
                .addNode(node("Sigmoid", "s", List.of("z"), "y"));
        assertThatThrownBy(() -> ONNX.fromOnnx(model(wrongWidth))).hasMessageContaining("input has 6 values but its first"
                + " layer takes 7");
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> ONNX.load(junk)).isInstanceOf(MynnException.class).hasMessageStartingWith(junk + ": ");
        assertThatThrownBy(() -> ONNX.load(dir.resolve("missing.onnx"))).hasMessageContaining("no such file");
    }

    @Test
    void anActivationWithoutOnnxForm_cannotBeExported_andTheErrorNamesIt() {
        Activation plain = new Activation() {
            @Override
            public String name() {
                return "cube";
            }

            @Override
            public double apply(double x) {
                return x * x * x;
            }

            @Override
            public double derivativeFromOutput(double y) {
                return 3 * Math.cbrt(y * y);
            }

            @Override
            public org.mynn.core.activation.Interval outputRange() {
                return org.mynn.core.activation.Interval.REAL;
            }
        };
        NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).seed(1).activations(List.of(plain)).build();
        assertThatThrownBy(() -> ONNX.toOnnx(net)).isInstanceOf(MynnException.class)
                .hasMessageContaining("activation 'cube' has no ONNX form");
    }
}
