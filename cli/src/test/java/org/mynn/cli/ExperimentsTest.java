package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.kernel.KernelChoice;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.kernel.ScalarKernels;
import org.mynn.core.train.Confidence;
import org.mockito.Mockito;
import org.mynn.data.CsvWriter;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/** Experiments you can trust: intervals, compare (McNemar), reproduce from the file. On real MNIST, as CSV files. */
@Tag(Tags.REAL_DATA)
class ExperimentsTest {

    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void data() throws Exception {
        train = dir.resolve("train.csv");
        test = dir.resolve("test.csv");
        CsvWriter.write(RealData.mnist(Split.TRAIN).slice(0, 3000), train);
        CsvWriter.write(RealData.mnist(Split.TEST).slice(0, 1000), test);
    }

    static Path trained(String name, String... extra) {
        Path out = dir.resolve(name);
        String[] base = {"train", "--quiet", "--train", train.toString(), "--test", test.toString(), "--hidden", "20",
            "--epochs", "2", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("test accuracy 0\\.\\d{4} \\(95% 0\\.\\d{4}-0\\.\\d{4}\\)");
        return out;
    }

    @Test
    void test_reportsTheWilsonInterval() {
        Path m = trained("t.json", "--seed", "5");
        Cli.Result r = Cli.run("test", "--model", m.toString(), "--test", test.toString());
        assertThat(r.exit()).isZero();
        java.util.regex.Matcher right = java.util.regex.Pattern.compile("\\(([0-9,]+) of 1,000 right\\)").matcher(r.out());
        assertThat(right.find()).isTrue();
        int k = Integer.parseInt(right.group(1).replace(",", ""));
        double[] ci = Confidence.wilson95(k, 1000);
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "95%% interval of the accuracy: %.4f to %.4f", ci[0], ci[1]));
    }

    @Test
    void compare_countsTheImagesOnlyOneGetsRight_andTestsThemWithMcNemar() throws Exception {
        Path a = trained("a.json", "--seed", "1");
        Path b = trained("b.json", "--seed", "1", "--lr", "0.3", "--activation", "tanh");
        Cli.Result r = Cli.run("compare", a.toString(), b.toString(), "--test", test.toString(), "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode c = JSON.readTree(r.out());
        assertThat(c.get("images").asInt()).isEqualTo(1000);
        int onlyA = c.get("onlyA").asInt();
        int onlyB = c.get("onlyB").asInt();
        assertThat(c.get("rightA").asInt() - c.get("rightB").asInt()).isEqualTo(onlyA - onlyB);
        assertThat(c.get("mcnemarP").asDouble()).isEqualTo(Confidence.mcnemar(onlyA, onlyB));
        assertThat(c.get("differ").asBoolean()).isEqualTo(Confidence.mcnemar(onlyA, onlyB) < 0.05);
        Cli.Result same = Cli.run("compare", a.toString(), a.toString(), "--test", test.toString());
        assertThat(same.out()).contains("only A right: 0 images; only B right: 0", "p = 1", "no evidence that they differ");
    }

    @Test
    void compare_evaluatesOnTheKernelsKernelChoicePicks_withTheBitsOfEitherKernels() throws Exception {
        Path a = trained("ka.json", "--seed", "2");
        Path b = trained("kb.json", "--seed", "3", "--precision", "float", "--bias");
        String[] args = {"compare", a.toString(), b.toString(), "--test", test.toString(), "--json"};
        KernelChoice choice = Mockito.spy(new KernelChoice(Kernels.best()));
        Cli.Result picked = Cli.run(binder -> binder.bind(KernelChoice.class).toInstance(choice), args);
        assertThat(picked.exit()).as(picked.toString()).isZero();
        // one question per model, for its weights times the 1,000 images (short work: the scalar kernels)
        Mockito.verify(choice, Mockito.times(2)).forWork((784L * 20 + 20 * 10) * 1000);
        assertThat(choice.forWork((784L * 20 + 20 * 10) * 1000)).isInstanceOf(ScalarKernels.class);
        for (Kernels forced : new Kernels[] {Kernels.best(), new ScalarKernels()}) {
            KernelChoice always = Mockito.spy(new KernelChoice(Kernels.best()));
            Mockito.doReturn(forced).when(always).forWork(Mockito.anyLong());
            Cli.Result r = Cli.run(binder -> binder.bind(KernelChoice.class).toInstance(always), args);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).as("compare on " + forced.name()).isEqualTo(picked.out());
        }
        assertThat(JSON.readTree(picked.out()).get("images").asInt()).isEqualTo(1000);
    }

    @Test
    void reproduce_givesTheSameWeights_andNamesWhatDiffers() throws Exception {
        Path m = trained("r.json", "--seed", "9", "--bias", "--optimizer", "momentum", "--batch", "10", "--lr", "0.5");
        Cli.Result same = Cli.run("reproduce", m.toString(), "--out", dir.resolve("again.json").toString(), "--quiet");
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("identical: all 15,910 weights and biases are the same bit for bit")
                .doesNotContain("recorded vs now");

        ObjectNode edited = (ObjectNode) JSON.readTree(m.toFile());
        ((ObjectNode) edited.get("training").get("platform")).put("java", "11.0.2");
        ArrayNode row = (ArrayNode) edited.get("weights").get(1).get(3);
        row.set(7, JSON.getNodeFactory().numberNode(row.get(7).asDouble() + 1e-6));
        Path changed = dir.resolve("edited.json");
        JSON.writeValue(changed.toFile(), edited);
        Cli.Result diff = Cli.run("reproduce", changed.toString(), "--out", dir.resolve("again2.json").toString(), "--quiet");
        assertThat(diff.exit()).isEqualTo(3);
        assertThat(diff.out()).contains("recorded vs now: Java 11.0.2 then, " + System.getProperty("java.version") + " now",
                "different: 1 of 15,910 weights and biases differ");

        Path copy = dir.resolve("copy.csv");
        Files.copy(train, copy);
        Path m2 = trained("r2.json", "--seed", "9");
        String text = Files.readString(m2).replace("\"train.csv\"", "\"copy.csv\"");
        Path moved = Files.writeString(dir.resolve("moved.json"), text);
        Files.writeString(copy, "7" + ",0".repeat(784) + "\n", StandardOpenOption.APPEND);
        Cli.Result refused = Cli.run("reproduce", moved.toString(), "--out", dir.resolve("again3.json").toString(), "--quiet");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("mynn: ").contains(copy.toString()).containsIgnoringCase("sha-256");
        assertThat(Files.exists(dir.resolve("again3.json"))).isFalse();
    }

    @Test
    void curves_drawsEachRunsRecordedAccuracy_andSaysWhenItFirstReachedTheTarget() throws Exception {
        Path a = trained("curve-a.json");
        Path b = trained("curve-b.json", "--lr", "0.3");
        // the figures the command must print, read from the files here, apart from mynn's own reading
        JsonNode ha = JSON.readTree(a.toFile()).path("training").path("history");
        JsonNode hb = JSON.readTree(b.toFile()).path("training").path("history");
        double target = Math.min(ha.get(1).path("accuracy").asDouble(), hb.get(1).path("accuracy").asDouble());
        Path png = dir.resolve("curves.png");
        Cli.Result r = Cli.run("curves", a.toString(), b.toString(), "--target", Double.toString(target), "--out", png.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        for (JsonNode h : new JsonNode[] {ha, hb}) {
            String name = h == ha ? "curve-a" : "curve-b";
            double minutes = 0;
            double best = 0;
            String reached = null;
            for (JsonNode e : h) {
                minutes += e.path("seconds").asDouble() / 60;
                best = Math.max(best, e.path("accuracy").asDouble());
                if (reached == null && e.path("accuracy").asDouble() >= target) {
                    reached = String.format(java.util.Locale.ROOT, "epoch %d, %.1f min", e.path("epoch").asInt(), minutes);
                }
            }
            String line = r.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            assertThat(line).as(r.out())
                    .contains(String.format(java.util.Locale.ROOT, "%.4f", h.get(1).path("accuracy").asDouble()))
                    .contains(String.format(java.util.Locale.ROOT, "%.4f", best))
                    .contains(String.format(java.util.Locale.ROOT, "%.1f", minutes))
                    .endsWith(reached);
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(560);

        String longName = "the first run, with a label longer than the column";
        Cli.Result epochs = Cli.run("curves", a.toString(), "--x", "epochs", "--label", longName, "--out",
                dir.resolve("by-epoch.png").toString());
        assertThat(epochs.exit()).as(epochs.toString()).isZero();
        assertThat(epochs.out()).contains(longName + " ").doesNotContain("first at");
        // a long name widens the first column: the epoch count still ends under its header
        List<String> rows = epochs.out().lines().toList();
        int end = rows.get(0).indexOf("epochs") + "epochs".length();
        assertThat(rows.get(1).substring(0, end)).as(epochs.out()).startsWith(longName).endsWith(" " + ha.size());

        Cli.Result labels = Cli.run("curves", a.toString(), b.toString(), "--label", "one", "--out", png.toString());
        assertThat(labels.exit()).isEqualTo(2);
        assertThat(labels.err()).contains("--label is given 1 times for 2 model files");

        Path untested = dir.resolve("untested.json");
        Cli.Result plain = Cli.run("train", "--quiet", "--train", train.toString(), "--hidden", "5", "--epochs", "1",
                "--out", untested.toString());
        assertThat(plain.exit()).as(plain.toString()).isZero();
        Cli.Result none = Cli.run("curves", untested.toString(), "--out", dir.resolve("none.png").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains(untested.toString()).contains("no epoch with a test accuracy");
        assertThat(none.err().lines().count()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("none.png"))).isFalse();
    }
}
