package org.mynn.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mynn.core.model.Provenance.OptimizerState;

/** A checkpoint's optimizer state, read by streaming: it is as large as the weights, or twice as large. */
final class OptimizerStateRead {
    String optimizer;
    Long step;
    double[][][] slots;
    String problem;

    OptimizerState value() {
        return new OptimizerState(optimizer, step, slots);
    }

    private void bad(String what) {
        if (problem == null) {
            problem = what;
        }
    }

    /** Reads the object, the parser on its opening brace. */
    static OptimizerStateRead read(JsonParser p) throws IOException {
        OptimizerStateRead s = new OptimizerStateRead();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            s.bad("' must be an object");
            p.skipChildren();
            return s;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "optimizer" -> {
                    if (t == JsonToken.VALUE_STRING) {
                        s.optimizer = p.getText();
                    } else {
                        s.bad(".optimizer' must be a name");
                        p.skipChildren();
                    }
                }
                case "step" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0) {
                        s.step = p.getLongValue();
                    } else {
                        s.bad(".step' must be a whole number, 0 or more");
                        p.skipChildren();
                    }
                }
                case "slots" -> s.slots = s.readSlots(p);
                default -> p.skipChildren();
            }
        }
        if (s.optimizer == null || s.step == null || s.slots == null) {
            s.bad("' must have the fields 'optimizer', 'step' and 'slots'");
        }
        return s;
    }

    private double[][][] readSlots(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            bad(".slots' must be an array of slots");
            p.skipChildren();
            return null;
        }
        List<double[][]> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                bad(".slots[" + out.size() + "]' must be an array of tensors");
                p.skipChildren();
                continue;
            }
            List<double[]> tensors = new ArrayList<>();
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String at = ".slots[" + out.size() + "][" + tensors.size() + "]";
                if (t != JsonToken.START_ARRAY) {
                    bad(at + "' must be an array of numbers");
                    p.skipChildren();
                    tensors.add(new double[0]);
                    continue;
                }
                double[] v = new double[64];
                int n = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    double x = Double.NaN;
                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        x = p.getDoubleValue();
                    } else {
                        p.skipChildren();
                    }
                    if (!Double.isFinite(x)) {
                        bad(at + "[" + n + "]' must be a finite number");
                    }
                    if (n == v.length) {
                        v = Arrays.copyOf(v, v.length * 2);
                    }
                    v[n++] = x;
                }
                tensors.add(Arrays.copyOf(v, n));
            }
            out.add(tensors.toArray(new double[0][]));
        }
        return out.toArray(new double[0][][]);
    }
}
