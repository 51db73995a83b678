package org.mynn.core.io;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.activation.OnnxForm;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * Reads a multilayer perceptron from ONNX for {@link OnnxModels}: a chain of {@code Gemm} (or {@code MatMul} with an
 * {@code Add} of a bias) layers, each followed by an activation an installed plugin has the form of; refuses anything
 * else naming the node and its operator.
 */
final class OnnxImport {

    private static final Set<String> PASS_THROUGH = Set.of("Flatten", "Identity", "Dropout");
    /** Biggest ONNX file read: a network mynn can hold anyway, with room for the protobuf structure. */
    private static final long MAX_FILE = Integer.MAX_VALUE - 8;

    private final ActivationRegistry activations;
    private final ModelJson json;

    OnnxImport(ActivationRegistry activations, ModelJson json) {
        this.activations = activations;
        this.json = json;
    }

    /**
     * Reads an ONNX file holding a multilayer perceptron.
     *
     * @throws MynnException naming the file, and the node and operator that mynn cannot read
     */
    OnnxModels.Imported load(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MynnException(file + ": no such file");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + e.getMessage());
        }
        if (size > MAX_FILE) {
            throw new MynnException(String.format(Locale.ROOT, "%s: %,d bytes is more than an ONNX model mynn reads (2 GB)",
                    file, size));
        }
        Memory.require(2 * size, "reading " + file);
        ModelProto m;
        try (InputStream in = Files.newInputStream(file)) {
            m = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new MynnException(file + ": is not an ONNX model (" + e.getMessage() + ")");
        } catch (AccessDeniedException e) {
            throw new MynnException(file + ": permission denied");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + e.getMessage());
        }
        try {
            return fromOnnx(m);
        } catch (MynnException e) {
            throw new MynnException(file + ": " + e.getMessage(), e);
        }
    }

    /** A layer being read: its weights, biases and activation. */
    private static final class Layer {
        DMatrixRMaj w;
        double[] b;
        Activation act;
        String node;
    }

    /**
     * @return the network an ONNX model holds
     * @throws MynnException when it is not a chain of layers mynn can read
     */
    OnnxModels.Imported fromOnnx(ModelProto m) {
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new MynnException("is not an ONNX model with a graph (no nodes)");
        }
        GraphProto g = m.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            init.put(t.getName(), t);
        }
        List<ValueInfoProto> inputs = g.getInputList().stream().filter(i -> !init.containsKey(i.getName())).toList();
        if (inputs.size() != 1) {
            throw new MynnException("the graph has " + inputs.size() + " inputs; mynn reads graphs with one (the pictures)");
        }
        if (g.getOutputCount() != 1) {
            throw new MynnException("the graph has " + g.getOutputCount() + " outputs; mynn reads graphs with one (the scores)");
        }
        String current = inputs.get(0).getName();
        int inputWidth = OnnxTensors.width(inputs.get(0));
        List<Layer> layers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Layer open = null;
        for (NodeProto n : g.getNodeList()) {
            String op = n.getOpType();
            String where = "node '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "' (" + op + ")";
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw new MynnException(where + ": operators of domain '" + n.getDomain() + "' are not part of an MLP mynn reads");
            }
            if (n.getInputCount() == 0 || !n.getInput(0).equals(current)) {
                throw new MynnException(where + ": does not continue the chain from the graph's input; mynn reads a single"
                        + " chain of layers");
            }
            if (n.getOutputCount() < 1) {
                throw new MynnException(where + ": has no output");
            }
            if (PASS_THROUGH.contains(op)) {
                if (op.equals("Flatten") && (open != null || !layers.isEmpty())) {
                    throw new MynnException(where + ": a Flatten between layers is not part of an MLP mynn reads");
                }
                current = n.getOutput(0);
                continue;
            }
            switch (op) {
                case "Gemm" -> {
                    closeWithoutActivation(open, where);
                    open = gemm(n, init, where);
                }
                case "MatMul" -> {
                    closeWithoutActivation(open, where);
                    open = new Layer();
                    open.node = where;
                    DMatrixRMaj b = OnnxTensors.matrix(OnnxTensors.initializer(n, 1, init, where), where);
                    open.w = org.ejml.dense.row.CommonOps_DDRM.transpose(b, null);
                }
                case "Add" -> {
                    if (open == null || open.b != null || open.act != null) {
                        throw new MynnException(where + ": an Add that does not follow a MatMul; mynn reads Add only as"
                                + " a MatMul's bias");
                    }
                    open.b = OnnxTensors.vector(OnnxTensors.initializer(n, 1, init, where), open.w.numRows, where);
                }
                default -> {
                    if (!activationOperators().contains(op)) {
                        throw new MynnException(where + ": is not part of a multilayer perceptron mynn reads: layers are"
                                + " Gemm, or MatMul and Add, each followed by one of the activations installed: "
                                + String.join(", ", activationOperators()));
                    }
                    if (open == null) {
                        throw new MynnException(where + ": an activation before any layer; mynn reads layers (Gemm, or MatMul"
                                + " and Add) each followed by an activation");
                    }
                    open.act = activation(n, where);
                    layers.add(open);
                    open = null;
                }
            }
            current = n.getOutput(0);
        }
        if (open != null) {
            // logits: a softmax keeps every answer and gives scores that sum to 1
            open.act = activations.get("softmax");
            layers.add(open);
            notes.add("the graph ends in a layer without activation (logits); mynn adds a softmax, which keeps every answer");
        }
        if (!current.equals(g.getOutput(0).getName())) {
            throw new MynnException("the chain of layers ends in '" + current + "', not in the graph's output '"
                    + g.getOutput(0).getName() + "'");
        }
        if (layers.isEmpty()) {
            throw new MynnException("the graph has no layers (Gemm, or MatMul and Add)");
        }
        return new OnnxModels.Imported(network(m, layers, inputWidth), notes);
    }

    private NeuralNetwork network(ModelProto m, List<Layer> layers, int inputWidth) {
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = layers.get(0).w.numCols;
        if (inputWidth > 0 && inputWidth != sizes[0]) {
            throw new MynnException("the graph's input has " + inputWidth + " values but its first layer takes " + sizes[0]);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[layers.size()];
        List<Activation> acts = new ArrayList<>();
        boolean anyBias = false;
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            if (l.w.numCols != sizes[k]) {
                throw new MynnException(l.node + ": takes " + l.w.numCols + " values but the layer before gives " + sizes[k]);
            }
            sizes[k + 1] = l.w.numRows;
            w[k] = l.w;
            acts.add(l.act);
            anyBias |= l.b != null;
            checkFinite(l.w.data, l.node);
            if (l.b != null) {
                checkFinite(l.b, l.node);
            }
        }
        double[][] biases = null;
        if (anyBias) {
            biases = new double[layers.size()][];
            for (int k = 0; k < layers.size(); k++) {
                biases[k] = layers.get(k).b != null ? layers.get(k).b : new double[sizes[k + 1]];
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto e : m.getMetadataPropsList()) {
            meta.put(e.getKey(), e.getValue());
        }
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("producer", m.getProducerName());
        from.put("producerVersion", m.getProducerVersion());
        boolean rounded = m.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataType() == TensorProto.DataType.FLOAT.getNumber());
        from.put("weights", rounded ? OnnxModels.FLOAT32 : "float64");
        Provenance p = meta.containsKey(OnnxModels.TRAINING)
                ? json.provenanceFromTree(json.tree(meta.get(OnnxModels.TRAINING), "metadata '" + OnnxModels.TRAINING + "'"))
                : Provenance.NONE;
        p = p.toBuilder().other(OnnxModels.IMPORTED, from).build();
        Activation last = acts.get(acts.size() - 1);
        Loss loss = last.name().equals("softmax") ? new org.mynn.core.loss.CrossEntropy() : Loss.MSE;
        return NeuralNetwork.wrap(sizes, acts, loss, 0.1, w, biases, p);
    }

    private static void checkFinite(double[] values, String where) {
        for (double v : values) {
            if (!Double.isFinite(v) || Math.abs(v) > NeuralNetwork.MAX_WEIGHT) {
                throw new MynnException(where + ": holds a weight that is not a finite number (" + v + ")");
            }
        }
    }

    private static void closeWithoutActivation(Layer open, String where) {
        if (open != null) {
            throw new MynnException(where + ": follows " + open.node + " without an activation between them; mynn reads"
                    + " layers each followed by an activation");
        }
    }

    private static Layer gemm(NodeProto n, Map<String, TensorProto> init, String where) {
        long transA = 0;
        long transB = 0;
        double alpha = 1;
        double beta = 1;
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "transA" -> transA = a.getI();
                case "transB" -> transB = a.getI();
                case "alpha" -> alpha = a.getF();
                case "beta" -> beta = a.getF();
                default -> throw new MynnException(where + ": attribute '" + a.getName() + "' is not one of Gemm's");
            }
        }
        if (transA != 0) {
            throw new MynnException(where + ": transA = 1 would transpose the pictures; mynn reads Gemm with transA = 0");
        }
        Layer l = new Layer();
        l.node = where;
        DMatrixRMaj b = OnnxTensors.matrix(OnnxTensors.initializer(n, 1, init, where), where);
        l.w = transB == 1 ? b : org.ejml.dense.row.CommonOps_DDRM.transpose(b, null);
        if (alpha != 1) {
            for (int i = 0; i < l.w.data.length; i++) {
                l.w.data[i] *= alpha;
            }
        }
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            l.b = OnnxTensors.vector(OnnxTensors.initializer(n, 2, init, where), l.w.numRows, where);
            for (int i = 0; i < l.b.length; i++) {
                l.b[i] *= beta;
            }
        }
        return l;
    }

    /** @return the ONNX operators of the installed activations */
    private List<String> activationOperators() {
        List<String> ops = new ArrayList<>();
        for (Activation a : activations.all()) {
            if (a.onnx() != null && !ops.contains(a.onnx().operator())) {
                ops.add(a.onnx().operator());
            }
        }
        return ops;
    }

    private Activation activation(NodeProto n, String where) {
        for (Activation a : activations.all()) {
            OnnxForm f = a.onnx();
            if (f == null) {
                continue;
            }
            if (f.operator().equals(n.getOpType()) && matches(f, n)) {
                return a;
            }
        }
        throw new MynnException(where + ": its attributes " + attributes(n) + " match no installed activation's");
    }

    private static boolean matches(OnnxForm f, NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getType() == AttributeProto.AttributeType.FLOAT) {
                Double want = f.floats().get(a.getName());
                if (want == null || Math.abs(want - a.getF()) > 1e-6 * Math.max(1, Math.abs(want))) {
                    return false;
                }
            } else if (a.getType() == AttributeProto.AttributeType.INT) {
                Long want = f.integers().get(a.getName());
                boolean lastAxis = a.getName().equals("axis") && a.getI() == -1 && want != null && want == 1;
                if (want == null || (want != a.getI() && !lastAxis)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static String attributes(NodeProto n) {
        List<String> out = new ArrayList<>();
        for (AttributeProto a : n.getAttributeList()) {
            out.add(a.getName() + " = " + (a.getType() == AttributeProto.AttributeType.FLOAT ? a.getF() : a.getI()));
        }
        return out.toString();
    }
}
