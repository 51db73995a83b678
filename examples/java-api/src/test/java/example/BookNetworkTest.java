package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet runs against the installed library, and its results are what the README says they are. */
class BookNetworkTest {

    @Test
    void theSnippetTrainsQueriesBackqueriesAndRoundTrips(@TempDir Path dir) throws Exception {
        BookNetwork.Result r = BookNetwork.run(dir);

        assertEquals(10, r.scores().length, "10 scores, one per digit");
        for (double s : r.scores()) {
            assertTrue(s > 0 && s < 1, "a sigmoid's output lies in (0, 1): " + s);
        }
        assertEquals(784, r.seen().length, "backquery gives a picture of 784 values");
        for (double v : r.seen()) {
            assertTrue(v >= 0.01 - 1e-12 && v <= 0.99 + 1e-12, "backquery rescales into [0.01, 0.99]: " + v);
        }
        assertTrue(Files.size(dir.resolve("model.json")) > 0, "model.json written");
        // bit-identical weights: the network read back answers every input with the same bits
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(r.net().weights(k).data, r.back().weights(k).data, 0.0, "weights " + k + " read back");
        }
        double[] picture = new double[784];
        Arrays.fill(picture, 0.01);
        picture[300] = 1.0;
        assertArrayEquals(r.net().query(picture), r.back().query(picture), 0.0);
    }
}
