package org.mynn.core.io;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.activation.OnnxForm;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * Networks as ONNX models, the exchange format ONNX Runtime and most frameworks read.
 *
 * <p>Export: one {@code Gemm} per weight matrix ({@code transB = 1}, so the weights are stored as mynn holds them,
 * {@code [out, in]}, with the biases as its {@code C} where the network has them), then the layer's activation as its
 * ONNX operator ({@link Activation#onnx()}); a {@code float32} input {@code "input"} of shape {@code [N, inputs]} and
 * an output {@code "output"} of shape {@code [N, classes]}; opset 13. The model's metadata holds mynn's version, the
 * activations, the class names and the training facts ({@code mynn.training}, the JSON of a model file).
 *
 * <p>Import: a single chain of layers from the graph's one input to its one output, each a {@code Gemm}
 * ({@code transA = 0}, any {@code transB}, {@code alpha} and {@code beta}) or a {@code MatMul} with an optional
 * {@code Add} of a bias, followed by an elementwise activation (or softmax) that an installed plugin has the form of;
 * {@code Flatten}, {@code Identity} and {@code Dropout} pass through. A last layer without activation (logits) gets a
 * softmax, which keeps every answer. Anything else is refused with the node and its operator.
 */
public final class OnnxModels {

    /** The opset exported: 13 (Softmax over one axis; Gemm's C optional). */
    public static final int OPSET = 13;
    /** The IR version exported: 8, read by ONNX Runtime 1.10 and later. */
    public static final int IR_VERSION = 8;
    /** The metadata key of the training facts. */
    public static final String TRAINING = "mynn.training";
    /**
     * The training fact an import adds: {@code {"producer": ..., "producerVersion": ..., "weights": "float32"}}, the
     * weights' type in the ONNX file ({@code "float32"}: rounded from mynn's doubles, so no rerun matches them bit for
     * bit).
     */
    public static final String IMPORTED = "importedFromOnnx";
    /** The value of {@code weights} in {@link #IMPORTED} when the weights were float32. */
    public static final String FLOAT32 = "float32";

    /** @return true when {@code p} records that its network's weights were rounded to float32 by an ONNX import */
    public static boolean roundedToFloat32(Provenance p) {
        return p.other().get(IMPORTED) instanceof java.util.Map<?, ?> m && FLOAT32.equals(m.get("weights"));
    }

    private final ModelJson json;
    private final OnnxImport reader;

    /**
     * @param activations to recognise activations by their ONNX form
     * @param json        writes and reads the training facts kept in the metadata
     */
    @jakarta.inject.Inject
    public OnnxModels(ActivationRegistry activations, ModelJson json) {
        this.json = json;
        this.reader = new OnnxImport(activations, json);
    }

    /** A network read from ONNX, with what the reader had to decide. */
    public record Imported(NeuralNetwork net, List<String> notes) {
    }

    // ---- export -------------------------------------------------------------------------------------------------

    /**
     * @return the network as an ONNX model (float32)
     * @throws MynnException when an activation has no ONNX form, naming it
     */
    public ModelProto toOnnx(NeuralNetwork net) {
        List<Activation> acts = net.activations();
        for (Activation a : acts) {
            if (a.onnx() == null) {
                throw new MynnException("activation '" + a.name() + "' has no ONNX form (its plugin does not give one:"
                        + " Activation.onnx()), so this network cannot be exported to ONNX; the built-in activations all have one");
            }
        }
        int[] layers = net.layers();
        long bytes = 0;
        for (int k = 0; k + 1 < layers.length; k++) {
            bytes += (long) layers[k] * layers[k + 1] * 4;
        }
        Memory.require(2 * bytes, String.format(Locale.ROOT, "writing a %s network as ONNX", net.shape()));
        double[][] biases = net.hasBiases() ? net.allBiases() : null;
        GraphProto.Builder g = GraphProto.newBuilder().setName("mynn")
                .addInput(tensorInfo("input", layers[0]))
                .addOutput(tensorInfo("output", layers[layers.length - 1]));
        String current = "input";
        for (int k = 0; k + 1 < layers.length; k++) {
            DMatrixRMaj w = net.weights(k);
            String wName = "W" + k;
            g.addInitializer(floats(wName, w.data, layers[k + 1], layers[k]));
            NodeProto.Builder gemm = NodeProto.newBuilder().setOpType("Gemm").setName("layer" + k).addInput(current)
                    .addInput(wName).addOutput("z" + k).addAttribute(intAttribute("transB", 1));
            if (biases != null) {
                g.addInitializer(floats("b" + k, biases[k], layers[k + 1]));
                gemm.addInput("b" + k);
            }
            g.addNode(gemm);
            OnnxForm form = acts.get(k).onnx();
            String out = k + 2 == layers.length ? "output" : "a" + k;
            NodeProto.Builder act = NodeProto.newBuilder().setOpType(form.operator()).setName(acts.get(k).name() + k)
                    .addInput("z" + k).addOutput(out);
            form.floats().forEach((name, v) -> act.addAttribute(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.FLOAT).setF(v.floatValue())));
            form.integers().forEach((name, v) -> act.addAttribute(intAttribute(name, v)));
            g.addNode(act);
            current = out;
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("mynn")
                .setProducerVersion(Provenance.Platform.MYNN_VERSION).setModelVersion(1)
                .setDocString("a " + net.shape() + " multilayer perceptron exported by mynn")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        meta(m, "mynn.version", Provenance.Platform.MYNN_VERSION);
        meta(m, "mynn.activations", String.join(",", acts.stream().map(Activation::name).toList()));
        meta(m, "mynn.loss", net.loss().name());
        meta(m, TRAINING, json.text(json.provenanceTree(net.provenance())));
        return m.build();
    }

    /**
     * Saves the network as an ONNX file, atomically.
     *
     * @throws MynnException when it cannot be exported or written
     */
    public void save(NeuralNetwork net, Path file) {
        ModelProto m = toOnnx(net);
        AtomicFiles.write(file, m::writeTo);
    }

    private static void meta(ModelProto.Builder m, String key, String value) {
        m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }

    private static ValueInfoProto tensorInfo(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    private static TensorProto floats(String name, double[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putFloat((float) v);
        }
        b.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(b));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static AttributeProto intAttribute(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    // ---- import: OnnxImport -----------------------------------------------------------------------------------

    /**
     * Reads an ONNX file holding a multilayer perceptron.
     *
     * @throws MynnException naming the file, and the node and operator that mynn cannot read
     */
    public Imported load(Path file) {
        return reader.load(file);
    }

    /**
     * Reads a multilayer perceptron from an ONNX graph (see the class comment for what is read).
     *
     * @throws MynnException naming the node and operator that mynn cannot read
     */
    public Imported fromOnnx(ModelProto m) {
        return reader.fromOnnx(m);
    }
}
