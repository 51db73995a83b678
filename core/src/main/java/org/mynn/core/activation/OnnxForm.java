package org.mynn.core.activation;

import java.util.Map;

/**
 * An activation as an ONNX operator: its type (e.g. {@code "Sigmoid"}, {@code "LeakyRelu"}) and the float attributes
 * that make it this activation (e.g. {@code alpha = 0.01}), or the integer ones (e.g. softmax's {@code axis = 1}).
 *
 * @param operator   the ONNX operator type, as in the ONNX operator list
 * @param floats     float attributes; never null
 * @param integers   integer attributes; never null
 */
public record OnnxForm(String operator, Map<String, Double> floats, Map<String, Long> integers) {

    public OnnxForm {
        floats = floats == null ? Map.of() : Map.copyOf(floats);
        integers = integers == null ? Map.of() : Map.copyOf(integers);
    }

    /** @return an operator without attributes */
    public static OnnxForm of(String operator) {
        return new OnnxForm(operator, Map.of(), Map.of());
    }
}
