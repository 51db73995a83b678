package org.mynn.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;

/**
 * numpy's {@code .npy} files of 2-dimensional float arrays, as {@code numpy.save} writes them: float64 or float32,
 * little- or big-endian, C or Fortran order. How a reader of the book brings {@code wih} and {@code who} over from
 * Python, and takes them back.
 */
public final class NumpyArrays {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NumpyArrays() {
    }

    /** A 2-dimensional array, row-major. */
    public record Matrix(int rows, int cols, double[] data) {
    }

    /**
     * Reads a 2-dimensional float64 or float32 array.
     *
     * @throws MynnException naming the file and what is wrong with it
     */
    public static Matrix read(Path file) {
        byte[] b;
        try {
            if (Files.isDirectory(file)) {
                throw new MynnException(file + ": is a folder, not a .npy file");
            }
            Memory.require(Files.size(file), file + ": its " + Files.size(file) + " bytes");
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MynnException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MynnException(file + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + e.getMessage());
        }
        if (b.length < 10 || !startsWithMagic(b)) {
            throw new MynnException(file + ": is not a numpy .npy file: it starts with " + Sniff.describe(b));
        }
        int major = b[6] & 0xff;
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new MynnException(file + ": truncated .npy header");
            }
            headerLen = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            start = 12;
        } else {
            throw new MynnException(file + ": .npy format version " + major + " is not supported (1, 2 or 3 are)");
        }
        if (headerLen < 0 || start + headerLen > b.length) {
            throw new MynnException(file + ": truncated .npy header");
        }
        String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(file, DESCR, header, "descr");
        boolean fortran = group(file, FORTRAN, header, "fortran_order").equals("True");
        String shapeText = group(file, SHAPE, header, "shape").trim();
        String[] dims = shapeText.isEmpty() ? new String[0] : shapeText.split("\\s*,\\s*");
        if (dims.length != 2 || dims[1].isEmpty()) {
            throw new MynnException(file + ": expected a 2-dimensional array (rows, columns) but the shape is (" + shapeText + ")");
        }
        long longRows;
        long longCols;
        try {
            longRows = Long.parseLong(dims[0].trim());
            longCols = Long.parseLong(dims[1].trim());
        } catch (NumberFormatException e) {
            throw new MynnException(file + ": shape (" + shapeText + ") is not two whole numbers");
        }
        if (longRows < 1 || longCols < 1) {
            throw new MynnException(file + ": shape (" + shapeText + ") must be two sizes of 1 or more");
        }
        if (longRows > Memory.MAX_ARRAY || longCols > Memory.MAX_ARRAY || longRows * longCols > Memory.MAX_ARRAY) {
            throw new MynnException(file + ": shape (" + shapeText + ") holds more values than one matrix of mynn's can (at"
                    + " most " + Memory.MAX_ARRAY + ")");
        }
        int rows = (int) longRows;
        int cols = (int) longCols;
        int size;
        ByteOrder order;
        switch (descr) {
            case "<f8", "=f8", "float64" -> {
                size = 8;
                order = ByteOrder.LITTLE_ENDIAN;
            }
            case ">f8" -> {
                size = 8;
                order = ByteOrder.BIG_ENDIAN;
            }
            case "<f4", "=f4" -> {
                size = 4;
                order = ByteOrder.LITTLE_ENDIAN;
            }
            case ">f4" -> {
                size = 4;
                order = ByteOrder.BIG_ENDIAN;
            }
            default -> throw new MynnException(file + ": dtype '" + descr + "' is not supported; save the array as float64"
                    + " or float32 (numpy: a.astype('float64'))");
        }
        long expected = (long) rows * cols * size;
        long have = b.length - (start + headerLen);
        if (expected != have) {
            throw new MynnException(file + ": the header declares " + rows + "x" + cols + " " + (size == 8 ? "float64" : "float32")
                    + " (" + expected + " bytes) but the file has " + have + " bytes of data");
        }
        Memory.require(8L * rows * cols, file + ": its " + rows + "x" + cols + " values");
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, (int) have).order(order);
        double[] out = new double[rows * cols];
        for (int i = 0; i < out.length; i++) {
            double v = size == 8 ? data.getDouble() : data.getFloat();
            int r = fortran ? i % rows : i / cols;
            int c = fortran ? i / rows : i % cols;
            out[r * cols + c] = v;
        }
        return new Matrix(rows, cols, out);
    }

    /** Writes {@code data} ({@code rows x cols}, row-major) as a float64, C-order {@code .npy} file, atomically. */
    public static void write(Path file, int rows, int cols, double[] data) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 8 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < rows * cols; i++) {
            buf.putDouble(data[i]);
        }
        AtomicFiles.write(file, buf.array());
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String group(Path file, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new MynnException(file + ": the .npy header has no '" + key + "'");
        }
        return m.group(1);
    }
}
