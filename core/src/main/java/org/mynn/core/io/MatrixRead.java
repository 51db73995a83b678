package org.mynn.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;

/**
 * One weight matrix as read: straight into its array when the layer sizes were known before it (as mynn
 * writes them), else row by row. Remembers what is wrong with it, to be reported in field order.
 */
final class MatrixRead {
    private final String source;
    final int index;
    final int rows;
    final int cols;
    final double[] data;
    final List<double[]> rowList = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    final java.util.Map<Integer, JsonNode> rowNotArray = new java.util.HashMap<>();
    JsonNode notArray;
    int badRow = -1;
    String badValue;

    MatrixRead(String source, int index, int rows, int cols) {
        this.source = source;
        this.index = index;
        this.rows = rows;
        this.cols = cols;
        this.data = rows > 0 ? new double[rows * cols] : null;
    }

    void read(JsonParser p) throws IOException {
        int r = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                rowNotArray.put(r, p.readValueAsTree());
                lengths.add(-1);
                r++;
                continue;
            }
            boolean direct = data != null && r < rows;
            double[] row = direct ? null : new double[Math.max(cols, 16)];
            int c = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                double v = 0;
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    v = p.getDoubleValue();
                    if (badRow < 0 && !Double.isFinite(v)) {
                        bad(r, "field '" + at(r, c) + "' must be a finite number but is " + v);
                    } else if (badRow < 0 && Math.abs(v) > NeuralNetwork.MAX_WEIGHT) {
                        bad(r, "field '" + at(r, c) + "' is " + v + ", beyond ±1e100: products of such weights"
                                + " overflow (no trained network has them)");
                    }
                } else {
                    JsonNode n = p.readValueAsTree();
                    if (badRow < 0) {
                        bad(r, "field '" + at(r, c) + "' must be a number but is " + ModelDocument.abbreviate(n));
                    }
                }
                if (direct) {
                    if (c < cols) {
                        data[r * cols + c] = v;
                    }
                } else {
                    if (c == row.length) {
                        row = Arrays.copyOf(row, row.length * 2);
                    }
                    row[c] = v;
                }
                c++;
            }
            lengths.add(c);
            if (!direct) {
                rowList.add(Arrays.copyOf(row, c));
            }
            r++;
        }
    }

    private void bad(int r, String what) {
        badRow = r;
        badValue = what;
    }

    private String at(int r, int c) {
        return "weights[" + index + "][" + r + "][" + c + "]";
    }

    /** @return the matrix, checked against the layer sizes, naming the first problem in field order */
    DMatrixRMaj check(int expRows, int expCols) {
        String name = "weights[" + index + "]";
        if (notArray != null) {
            throw fail("field '" + name + "' must have " + expRows + " rows (layers[" + (index + 1) + "]) but is "
                    + ModelDocument.abbreviate(notArray));
        }
        if (lengths.size() != expRows) {
            throw fail("field '" + name + "' must have " + expRows + " rows (layers[" + (index + 1) + "]) but has "
                    + lengths.size());
        }
        for (int r = 0; r < expRows; r++) {
            String rowName = name + "[" + r + "]";
            if (rowNotArray.containsKey(r)) {
                throw fail("field '" + rowName + "' must have " + expCols + " numbers (layers[" + index + "]) but is "
                        + ModelDocument.abbreviate(rowNotArray.get(r)));
            }
            if (lengths.get(r) != expCols) {
                throw fail("field '" + rowName + "' must have " + expCols + " numbers (layers[" + index + "]) but has "
                        + lengths.get(r));
            }
            if (badRow == r) {
                throw fail(badValue);
            }
        }
        if (data != null && rows == expRows && cols == expCols) {
            return DMatrixRMaj.wrap(expRows, expCols, data);
        }
        DMatrixRMaj w = new DMatrixRMaj(expRows, expCols);
        for (int r = 0; r < expRows; r++) {
            System.arraycopy(rowList.get(r), 0, w.data, r * expCols, expCols);
            rowList.set(r, null);
        }
        return w;
    }

    private MynnException fail(String what) {
        return new MynnException(source + ": " + what);
    }
}
