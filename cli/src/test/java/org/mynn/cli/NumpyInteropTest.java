package org.mynn.cli;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.data.CsvWriter;
import org.mynn.data.RealData;
import org.mynn.data.Split;

/**
 * A reader who trained the book's Python network brings it over with import-numpy and mynn reports the accuracy
 * Python did; export-numpy takes it back, and numpy reads the same arrays.
 */
@Tag(Tags.REAL_DATA)
@Tag(Tags.SUBPROCESS)
// reads python3's output to its end (120 s and 60 s at most); about 4 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NumpyInteropTest {

    static final String SEED = String.join("\n",
            "import sys, numpy, scipy.special",
            "numpy.random.seed(4)",
            "wih = numpy.random.normal(0.0, pow(100, -0.5), (100, 784))",
            "who = numpy.random.normal(0.0, pow(10, -0.5), (10, 100))",
            "f = lambda x: scipy.special.expit(x)",
            "for rec in open(sys.argv[1]).readlines():",
            "    v = rec.split(','); i = numpy.array(numpy.asarray(v[1:], dtype=float) / 255 * 0.99 + 0.01, ndmin=2).T",
            "    t = numpy.zeros((10, 1)) + 0.01; t[int(v[0])] = 0.99",
            "    h = f(numpy.dot(wih, i)); o = f(numpy.dot(who, h)); e = t - o; eh = numpy.dot(who.T, e)",
            "    who += 0.1 * numpy.dot(e * o * (1.0 - o), h.T); wih += 0.1 * numpy.dot(eh * h * (1.0 - h), i.T)",
            "right = 0",
            "for rec in open(sys.argv[2]).readlines():",
            "    v = rec.split(','); i = numpy.array(numpy.asarray(v[1:], dtype=float) / 255 * 0.99 + 0.01, ndmin=2).T",
            "    right += int(numpy.argmax(f(numpy.dot(who, f(numpy.dot(wih, i))))) == int(v[0]))",
            "numpy.save(sys.argv[3] + '/wih.npy', wih); numpy.save(sys.argv[3] + '/who.npy', who.astype('float32'))",
            "print(right)", "");

    @Test
    void importedPythonNetwork_scoresWhatPythonScored_andExportsBack(@TempDir Path dir) throws Exception {
        Requires.python("numpy");
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        CsvWriter.write(RealData.mnist(Split.TRAIN).slice(0, 2000), train);
        CsvWriter.write(RealData.mnist(Split.TEST).slice(0, 1000), test);
        Path script = Files.writeString(dir.resolve("seed.py"), SEED);
        Process p = new ProcessBuilder("python3", script.toString(), train.toString(), test.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        int pythonRight = Integer.parseInt(printed);

        Path model = dir.resolve("from-python.json");
        Cli.Result imp = Cli.run("import-numpy", "--wih", dir.resolve("wih.npy").toString(), "--who", dir.resolve("who.npy").toString(),
                "--out", model.toString());
        assertThat(imp.exit()).as(imp.toString()).isZero();
        assertThat(imp.out()).contains("(784-100-10, sigmoid)");
        Cli.Result t = Cli.run("test", "--model", model.toString(), "--test", test.toString());
        assertThat(t.out()).contains(String.format(java.util.Locale.ROOT, "(%,d of 1,000 right)", pythonRight));

        // exported to ONNX, it scores in ONNX Runtime what Python scored
        Path onnx = dir.resolve("from-python.onnx");
        Cli.Result toOnnx = Cli.run("export-onnx", "--model", model.toString(), "--out", onnx.toString());
        assertThat(toOnnx.exit()).as(toOnnx.toString()).isZero();
        org.mynn.data.Dataset testSet = RealData.mnist(Split.TEST);
        float[][] scores = OnnxRuntimeTest.run(onnx, OnnxRuntimeTest.inputs(testSet, 1000));
        int onnxRight = 0;
        for (int i = 0; i < 1000; i++) {
            double[] s = new double[10];
            for (int k = 0; k < 10; k++) {
                s[k] = scores[i][k];
            }
            onnxRight += org.mynn.core.train.Evaluator.argmax(s) == testSet.label(i) ? 1 : 0;
        }
        assertThat(onnxRight).as("right in ONNX Runtime").isEqualTo(pythonRight);

        Cli.Result exp = Cli.run("export-numpy", "--model", model.toString(), "--wih", dir.resolve("back_wih.npy").toString(),
                "--who", dir.resolve("back_who.npy").toString());
        assertThat(exp.exit()).isZero();
        Process check = new ProcessBuilder("python3", "-c", "import numpy, sys; d = sys.argv[1]; "
                + "assert (numpy.load(d + '/wih.npy') == numpy.load(d + '/back_wih.npy')).all(); "
                + "assert (numpy.load(d + '/who.npy').astype('float64') == numpy.load(d + '/back_who.npy')).all()", dir.toString())
                .inheritIO().start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).isZero();
    }

    @Test
    void importNumpy_refusesMismatchedShapes(@TempDir Path dir) throws Exception {
        double[] a = new double[6];
        org.mynn.core.io.NumpyArrays.write(dir.resolve("a.npy"), 2, 3, a);
        org.mynn.core.io.NumpyArrays.write(dir.resolve("b.npy"), 4, 5, new double[20]);
        Cli.Result r = Cli.run("import-numpy", "--wih", dir.resolve("a.npy").toString(), "--who", dir.resolve("b.npy").toString(),
                "--out", dir.resolve("m.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + dir.resolve("b.npy") + ": has 5 columns but " + dir.resolve("a.npy")
                + " has 2 rows; each matrix must take the outputs of the one before (rows = the next layer)" + System.lineSeparator());
    }

    @Test
    void importNumpy_takesAnActivationPerMatrix_andCountsThem(@TempDir Path dir) throws Exception {
        org.mynn.core.io.NumpyArrays.write(dir.resolve("a.npy"), 3, 4, new double[12]);
        org.mynn.core.io.NumpyArrays.write(dir.resolve("b.npy"), 2, 3, new double[6]);
        String[] weights = {"import-numpy", "--wih", dir.resolve("a.npy").toString(), "--who", dir.resolve("b.npy").toString()};
        Path model = dir.resolve("m.json");
        Cli.Result ok = Cli.run(concat(weights, "--activation", "relu,softmax", "--out", model.toString()));
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("(4-3-2, relu,softmax)");
        assertThat(Cli.run("inspect", "--model", model.toString(), "--json").out()).contains("\"relu\"", "\"softmax\"");

        Cli.Result three = Cli.run(concat(weights, "--activation", "relu,relu,softmax", "--out", dir.resolve("n.json").toString()));
        assertThat(three.exit()).isEqualTo(2);
        assertThat(three.err()).startsWith("mynn: --activation: gives 3 names but the network has 2 weight matrices");
        assertThat(dir.resolve("n.json")).doesNotExist();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
