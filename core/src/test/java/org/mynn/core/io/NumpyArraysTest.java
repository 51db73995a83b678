package org.mynn.core.io;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;

/** .npy files written by numpy itself (python3 with numpy is on the machine), read and written back. */
@Tag(Tags.SUBPROCESS)
// waits on python3 (60 s each at most); under 2 s on a quiet machine
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NumpyArraysTest {

    @TempDir
    static Path dir;

    static final String SCRIPT = String.join("\n",
            "import numpy, sys",
            "d = sys.argv[1]",
            "a = numpy.arange(12, dtype='float64').reshape(3, 4) / 7.0 - 0.5",
            "numpy.save(d + '/f8.npy', a)",
            "numpy.save(d + '/f4.npy', a.astype('float32'))",
            "numpy.save(d + '/fortran.npy', numpy.asfortranarray(a))",
            "numpy.save(d + '/big.npy', a.astype('>f8'))",
            "numpy.save(d + '/int.npy', numpy.arange(6).reshape(2, 3))",
            "numpy.save(d + '/vector.npy', numpy.arange(5.0))",
            "");

    @BeforeAll
    static void writeWithNumpy() throws Exception {
        Requires.python("numpy");
        Path script = Files.writeString(dir.resolve("make.py"), SCRIPT);
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python3 with numpy writes the fixtures").isZero();
    }

    static double expected(int r, int c) {
        return (r * 4 + c) / 7.0 - 0.5;
    }

    @Test
    void read_float64Float32FortranAndBigEndian_asRowMajor() {
        for (String name : new String[] {"f8", "fortran", "big"}) {
            NumpyArrays.Matrix m = NumpyArrays.read(dir.resolve(name + ".npy"));
            assertThat(m.rows()).isEqualTo(3);
            assertThat(m.cols()).isEqualTo(4);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    assertThat(m.data()[r * 4 + c]).as("%s (%d,%d)", name, r, c).isEqualTo(expected(r, c));
                }
            }
        }
        assertThat(NumpyArrays.read(dir.resolve("f4.npy")).data()[5]).isEqualTo((double) (float) expected(1, 1));
    }

    @Test
    void write_isReadByNumpyAsTheSameArray() throws Exception {
        double[] data = new double[6];
        for (int i = 0; i < 6; i++) {
            data[i] = Math.PI * i - 1e-300;
        }
        Path out = dir.resolve("mine.npy");
        NumpyArrays.write(out, 2, 3, data);
        Path check = Files.writeString(dir.resolve("check.py"), String.join("\n", "import numpy, math, sys",
                "a = numpy.load(sys.argv[1])",
                "assert a.shape == (2, 3) and a.dtype == numpy.float64 and a.flags['C_CONTIGUOUS'], (a.shape, a.dtype)",
                "assert all(a.flat[i] == math.pi * i - 1e-300 for i in range(6)), a", ""));
        Process p = new ProcessBuilder("python3", check.toString(), out.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(NumpyArrays.read(out).data()).containsExactly(data);
    }

    @Test
    void unsupportedOrBrokenFiles_areRefusedNamingTheProblem() throws Exception {
        Path ints = dir.resolve("int.npy");
        assertThatThrownBy(() -> NumpyArrays.read(ints)).isInstanceOf(MynnException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(ints.toString())
                        + ": dtype '<i8' is not supported; save the array as float64 or float32 \\(numpy: a.astype\\('float64'\\)\\)");
        Path vector = dir.resolve("vector.npy");
        assertThatThrownBy(() -> NumpyArrays.read(vector))
                .hasMessage(vector + ": expected a 2-dimensional array (rows, columns) but the shape is (5,)");
        Path json = Files.writeString(dir.resolve("model.npy"), "{\"format\": 1}");
        assertThatThrownBy(() -> NumpyArrays.read(json)).hasMessage(json + ": is not a numpy .npy file: it starts with bytes 7b 22 66 6f (JSON)");
        byte[] f8 = Files.readAllBytes(dir.resolve("f8.npy"));
        Path cut = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(f8, f8.length - 8));
        assertThatThrownBy(() -> NumpyArrays.read(cut))
                .hasMessage(cut + ": the header declares 3x4 float64 (96 bytes) but the file has 88 bytes of data");
        assertThatThrownBy(() -> NumpyArrays.read(dir.resolve("none.npy"))).hasMessage(dir.resolve("none.npy") + ": no such file");
    }
}
