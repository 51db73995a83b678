package org.mynn.core.io;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;

/** Reads the tensors of an ONNX graph for {@link OnnxImport}: initializers, float or double values, matrices, shapes. */
final class OnnxTensors {

    private OnnxTensors() {
    }

    static TensorProto initializer(NodeProto n, int input, Map<String, TensorProto> init, String where) {
        if (n.getInputCount() <= input) {
            throw new MynnException(where + ": has no input " + input);
        }
        TensorProto t = init.get(n.getInput(input));
        if (t == null) {
            throw new MynnException(where + ": its input '" + n.getInput(input) + "' is not a constant (an initializer);"
                    + " mynn reads weights stored in the model");
        }
        return t;
    }

    /** @return the values of a float or double tensor, as doubles */
    static double[] values(TensorProto t, String where) {
        long count = 1;
        for (long d : t.getDimsList()) {
            count *= d;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new MynnException(where + ": tensor '" + t.getName() + "' is too large");
        }
        double[] out = new double[(int) count];
        int type = t.getDataType();
        if (t.hasDataLocation() && t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new MynnException(where + ": tensor '" + t.getName() + "' is stored in an external file; mynn reads"
                    + " models with their weights inside");
        }
        if (type == TensorProto.DataType.FLOAT.getNumber()) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                check(b.remaining() == out.length * 4, t, where);
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getFloat();
                }
            } else {
                check(t.getFloatDataCount() == out.length, t, where);
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getFloatData(i);
                }
            }
        } else if (type == TensorProto.DataType.DOUBLE.getNumber()) {
            if (!t.getRawData().isEmpty()) {
                ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                check(b.remaining() == out.length * 8, t, where);
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getDouble();
                }
            } else {
                check(t.getDoubleDataCount() == out.length, t, where);
                for (int i = 0; i < out.length; i++) {
                    out[i] = t.getDoubleData(i);
                }
            }
        } else {
            throw new MynnException(where + ": tensor '" + t.getName() + "' holds "
                    + TensorProto.DataType.forNumber(type) + "; mynn reads float and double weights");
        }
        return out;
    }

    static void check(boolean ok, TensorProto t, String where) {
        if (!ok) {
            throw new MynnException(where + ": tensor '" + t.getName() + "' holds fewer or more values than its shape "
                    + t.getDimsList() + " says");
        }
    }

    static DMatrixRMaj matrix(TensorProto t, String where) {
        if (t.getDimsCount() != 2) {
            throw new MynnException(where + ": weights '" + t.getName() + "' have shape " + t.getDimsList()
                    + "; mynn reads 2-dimensional weight matrices");
        }
        double[] v = values(t, where);
        return DMatrixRMaj.wrap((int) t.getDims(0), (int) t.getDims(1), v);
    }

    static double[] vector(TensorProto t, int size, String where) {
        double[] v = values(t, where);
        boolean shapeOk = t.getDimsCount() == 1 || (t.getDimsCount() == 2 && t.getDims(0) == 1);
        if (!shapeOk || v.length != size) {
            throw new MynnException(where + ": bias '" + t.getName() + "' has shape " + t.getDimsList() + "; the layer has "
                    + size + " outputs");
        }
        return v;
    }

    /** @return the width of a rank-2 (or flattened) input, or 0 when its shape is not known */
    static int width(ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType()) {
            return 0;
        }
        TypeProto.Tensor t = v.getType().getTensorType();
        if (t.getElemType() != TensorProto.DataType.FLOAT.getNumber() && t.getElemType() != TensorProto.DataType.DOUBLE.getNumber()) {
            throw new MynnException("the graph's input '" + v.getName() + "' holds " + TensorProto.DataType.forNumber(
                    t.getElemType()) + "; mynn reads float or double pictures");
        }
        if (!t.hasShape() || t.getShape().getDimCount() < 2) {
            return 0;
        }
        long w = 1;
        for (int i = 1; i < t.getShape().getDimCount(); i++) {
            TensorShapeProto.Dimension d = t.getShape().getDim(i);
            if (!d.hasDimValue()) {
                return 0;
            }
            w *= d.getDimValue();
        }
        return (int) w;
    }
}
