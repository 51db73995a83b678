package org.mynn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;

/**
 * Reads the book's CSV files ({@code mnist_train.csv}, {@code mnist_test.csv}, {@code mnist_train_100.csv}): one
 * record per line, the label then the pixels 0..255 of a square image (784 for 28x28), comma-separated. A final
 * newline and Windows line ends are fine; anything else is refused naming the file and line.
 *
 * <p>It streams: the file is read twice (once to count the lines, once to parse them), so the only large
 * allocation is the dataset itself, one byte per pixel. A gzip-compressed CSV is read the same way.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * @param classes the class names; labels must be below their count
     * @throws MynnException naming the file, line and column of the first problem
     */
    public static Dataset read(Path file, List<String> classes) {
        String[] sha = new String[1];
        int lines = countLines(file, sha);
        DataFiles.Opened f = DataFiles.open(file, "CSV records of a label and the pixels");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(f.in(), StandardCharsets.ISO_8859_1), DataFiles.BUFFER)) {
            Parser p = new Parser(file, classes.size());
            String line;
            int lineNo = 0;
            byte[] pixels = null;
            byte[] labels = new byte[lines];
            int records = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (pixels == null) {
                    p.firstLine(line, lineNo);
                    pixels = new byte[Math.multiplyExact(lines, p.pixels)];
                }
                labels[records] = (byte) p.parse(line, lineNo, pixels, records * p.pixels);
                records++;
            }
            if (records == 0) {
                throw new MynnException(file + ": is empty; expected records of a label and the pixels");
            }
            int side = p.side;
            String name = file.getFileName().toString();
            return new Dataset(name, side, side,
                    records == lines ? pixels : java.util.Arrays.copyOf(pixels, records * p.pixels),
                    records == lines ? labels : java.util.Arrays.copyOf(labels, records), classes,
                    new Provenance.DataReference(name, null, null, null, records, classes.size(),
                            List.of(new Provenance.DataFile(file.toAbsolutePath().toString(), sha[0])), null));
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        } catch (ArithmeticException e) {
            throw new MynnException(file + ": has too many pixels in all to hold in memory");
        }
    }

    /**
     * @param sha modified: {@code sha[0]} becomes the SHA-256 of the file
     * @return the number of lines: newlines, plus one when the last line has none
     */
    private static int countLines(Path file, String[] sha) {
        DataFiles.Opened f = DataFiles.open(file, "CSV records of a label and the pixels");
        try (InputStream in = f.in()) {
            byte[] buf = new byte[DataFiles.BUFFER];
            long lines = 0;
            int last = '\n';
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                last = buf[n - 1];
            }
            if (last != '\n') {
                lines++;
            }
            if (lines > Integer.MAX_VALUE) {
                throw new MynnException(file + ": has more than " + Integer.MAX_VALUE + " lines");
            }
            sha[0] = f.sha256();
            return (int) lines;
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    /** Parses one record at a time, without splitting strings. */
    private static final class Parser {
        final Path file;
        final int classes;
        int pixels;
        int side;

        Parser(Path file, int classes) {
            this.file = file;
            this.classes = classes;
        }

        void firstLine(String line, int lineNo) {
            if (!line.isEmpty() && line.charAt(0) == '\u00ef' && line.startsWith("\u00ef\u00bb\u00bf")) {
                throw new MynnException(file + ":" + lineNo + ": starts with a UTF-8 byte-order mark; save the file"
                        + " without one (plain ASCII, as the book's CSV files are)");
            }
            int values = 1;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == ',') {
                    values++;
                }
            }
            int n = values - 1;
            int s = (int) Math.round(Math.sqrt(n));
            if (line.isEmpty()) {
                throw blank(lineNo);
            }
            if (n < 1 || s * s != n) {
                throw new MynnException(file + ":" + lineNo + ": expected a label and the pixels of a square image "
                        + "(785 values for 28x28) but found " + values + " value" + (values == 1 ? "" : "s"));
            }
            pixels = n;
            side = s;
        }

        private MynnException blank(int lineNo) {
            return new MynnException(file + ":" + lineNo + ": blank line; expected a record of a label and "
                    + (pixels == 0 ? "the" : Integer.toString(pixels)) + " pixels");
        }

        /** Parses {@code line} into {@code out[off..off+pixels)}; @return the label */
        int parse(String line, int lineNo, byte[] out, int off) {
            int len = line.length();
            if (len > 0 && line.charAt(len - 1) == '\r') {
                len--;
            }
            if (len == 0) {
                throw blank(lineNo);
            }
            int col = 0;
            int label = -1;
            int i = 0;
            while (i <= len) {
                int start = i;
                int v = 0;
                while (i < len && line.charAt(i) != ',') {
                    char c = line.charAt(i);
                    if (c < '0' || c > '9') {
                        throw notAWholeNumber(line, start, len, lineNo, col);
                    }
                    v = Math.min(v * 10 + (c - '0'), 1_000_000); // stays out of range without overflowing
                    i++;
                }
                if (i == start) {
                    throw notAWholeNumber(line, start, len, lineNo, col);
                }
                if (col == 0) {
                    if (v >= classes) {
                        throw new MynnException(file + ":" + lineNo + ": label " + line.substring(start, i) + " is outside the classes 0.."
                                + (classes - 1));
                    }
                    label = v;
                } else {
                    if (v > 255) {
                        throw new MynnException(file + ":" + lineNo + ", column " + (col + 1) + ": pixel value "
                                + line.substring(start, i)
                                + " is outside 0..255");
                    }
                    if (col > pixels) {
                        throw wrongCount(line, len, lineNo);
                    }
                    out[off + col - 1] = (byte) v;
                }
                col++;
                i++; // past the comma (or the end)
            }
            if (col != pixels + 1) {
                throw wrongCount(line, len, lineNo);
            }
            return label;
        }

        private MynnException wrongCount(String line, int len, int lineNo) {
            int values = 1;
            for (int i = 0; i < len; i++) {
                if (line.charAt(i) == ',') {
                    values++;
                }
            }
            return new MynnException(file + ":" + lineNo + ": expected " + (pixels + 1) + " values (a label and "
                    + pixels + " pixels) but found " + values);
        }

        private MynnException notAWholeNumber(String line, int start, int len, int lineNo, int col) {
            int end = line.indexOf(',', start);
            String token = line.substring(start, end < 0 || end > len ? len : end);
            if (token.length() > 20) {
                token = token.substring(0, 17) + "...";
            }
            return new MynnException(file + ":" + lineNo + ", column " + (col + 1) + ": '" + token
                    + "' is not a whole number from 0 to 255" + (col == 0 ? " (the label)" : ""));
        }
    }
}
