package org.mynn.cli;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.RealData;
import org.mynn.data.Split;

/** The command line end to end on the real MNIST: one epoch of training with the defaults, then every use of it. */
@Tag(Tags.REAL_DATA)
class EndToEndTest {

    @TempDir
    static Path dir;
    static Path model;
    static Cli.Result trained;

    @BeforeAll
    static void train() {
        model = dir.resolve("model.json");
        trained = Cli.run("train", "--epochs", "1", "--seed", "5", "--out", model.toString());
    }

    @Test
    void train_oneEpochWithTheDefaults_reaches95Percent_andSaysSo() throws Exception {
        assertThat(trained.exit()).as(trained.toString()).isZero();
        assertThat(trained.out()).contains("training 784-200-10 (sigmoid, lr 0.1, seed 5) on mnist/train: 60,000 samples x 1 epoch")
                .contains("epoch 1  test accuracy 0.9").contains("saved " + model);
        NeuralNetwork net = new ModelJson(ActivationRegistry.load()).load(model);
        assertThat(net.provenance().accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(net.provenance().classes()).hasSize(10);
    }

    @Test
    void savedModel_reloaded_predictsExactlyAsTrained() {
        NeuralNetwork net = new ModelJson(ActivationRegistry.load()).load(model);
        double reloaded = Evaluator.evaluate(net, RealData.mnist(Split.TEST)).accuracy();
        assertThat(reloaded).isEqualTo(net.provenance().accuracy());
        Cli.Result test = Cli.run("test", "--model", model.toString());
        assertThat(test.exit()).isZero();
        assertThat(test.out()).contains(String.format(java.util.Locale.ROOT, "accuracy %.4f", reloaded));
    }

    @Test
    void testJson_parses_andHasAccuracyAndConfusion() throws Exception {
        Cli.Result r = Cli.run("test", "--model", model.toString(), "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(j.get("confusion").size()).isEqualTo(10);
        int total = 0;
        for (JsonNode row : j.get("confusion")) {
            for (JsonNode c : row) {
                total += c.asInt();
            }
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(j.get("precision").size()).isEqualTo(10);
    }

    @Test
    void backqueryAll_writesTenPngsAndAGrid() throws Exception {
        Path out = dir.resolve("bq");
        Cli.Result r = Cli.run("backquery", "--model", model.toString(), "--all", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        for (int k = 0; k < 10; k++) {
            BufferedImage img = ImageIO.read(out.resolve(k + ".png").toFile());
            assertThat(img.getWidth()).isEqualTo(280);
            assertThat(img.getHeight()).isEqualTo(280);
        }
        assertThat(ImageIO.read(out.resolve("grid.png").toFile()).getWidth()).isGreaterThan(5 * 140);
        try (var files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(11);
        }
    }

    @Test
    void query_ownPngOfTestDigits_darkOnLightAt200px_predictsTheirLabels() throws Exception {
        Dataset test = RealData.mnist(Split.TEST);
        String[] args = new String[13];
        args[0] = "query";
        args[1] = "--model";
        args[2] = model.toString();
        for (int i = 0; i < 10; i++) {
            Path png = dir.resolve("digit" + i + ".png");
            ImageIO.write(darkOnLight(test.image(i), 200), "png", png.toFile());
            args[3 + i] = png.toString();
        }
        Cli.Result r = Cli.run(java.util.Arrays.copyOf(args, 13));
        assertThat(r.exit()).as(r.toString()).isZero();
        Cli.Result json = Cli.run(concat(args, "--json"));
        JsonNode answers = new ObjectMapper().readTree(json.out());
        assertThat(answers.size()).isEqualTo(10);
        int right = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(answers.get(i).get("scores").size()).isEqualTo(10);
            right += answers.get(i).get("label").asInt() == test.label(i) ? 1 : 0;
        }
        assertThat(right).as(json.out()).isGreaterThanOrEqualTo(9);
        assertThat(answers.get(0).get("label").asInt()).isEqualTo(7);
        assertThat(r.out()).startsWith("file").contains("digit0.png  7 ").doesNotContain("wrong");
        Cli.Result one = Cli.run("query", "--model", model.toString(), args[3]);
        assertThat(one.out()).contains("digit0.png: 7 (").contains("what the network saw:");
    }

    @Test
    void queryFolder_printsATableWithTheLabelsInTheNames_andAContactSheet() throws Exception {
        Dataset test = RealData.mnist(Split.TEST);
        Path folder = Files.createDirectories(dir.resolve("mine"));
        for (int i = 0; i < 12; i++) {
            ImageIO.write(darkOnLight(test.image(i), 160), "png", folder.resolve(String.format("test%04d_%d.png", i, test.label(i))).toFile());
        }
        Files.writeString(folder.resolve("notes.txt"), "not a picture");
        Path sheet = dir.resolve("sheet.png");
        Cli.Result r = Cli.run("query", "--model", model.toString(), folder.toString(), "--sheet", sheet.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("file").contains("name says").contains("test0000_7.png  7 ")
                .containsPattern("1[0-2] of 12 right \\(of those whose file name gives a label\\)").contains("wrote " + sheet);
        BufferedImage img = ImageIO.read(sheet.toFile());
        assertThat(img.getWidth()).isEqualTo(8 + 6 * (140 + 8));
    }

    @Test
    void explain_drawsTheInputItsAttributionAndTheBackquery() throws Exception {
        Path png = dir.resolve("seven.png");
        ImageIO.write(darkOnLight(RealData.mnist(Split.TEST).image(0), 200), "png", png.toFile());
        Path why = dir.resolve("why.png");
        Cli.Result r = Cli.run("query", "--model", model.toString(), png.toString(), "--explain", why.toString(), "--no-picture");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote " + why);
        BufferedImage img = ImageIO.read(why.toFile());
        assertThat(img.getWidth()).isEqualTo(8 + 3 * (224 + 8));
        assertThat(RealPictures.hasColour(img, 0xff0000) || RealPictures.hasColour(img, 0x0000ff)).isTrue();
        Cli.Result two = Cli.run("query", "--model", model.toString(), png.toString(), png.toString(), "--explain", why.toString());
        assertThat(two.exit()).isEqualTo(2);
    }

    @Test
    void queryDatasetRecord_printsLabelScoresAndPicture() {
        Cli.Result r = Cli.run("query", "--model", model.toString(), "--dataset", "mnist", "--split", "test", "--index", "0");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("mnist/test #0: 7 (").contains("(true label: 7)").contains("scores:  0 0.");
        assertThat(r.out().lines().filter(l -> l.startsWith("  ") && l.length() == 30).count()).isGreaterThanOrEqualTo(28);
    }

    @Test
    void weightsInspectShowConvert_work() throws Exception {
        Cli.Result w = Cli.run("weights", "--model", model.toString(), "--out", dir.resolve("w.png").toString(), "--count", "20");
        assertThat(w.out()).contains("(20 units)");
        assertThat(ImageIO.read(dir.resolve("w.png").toFile())).isNotNull();
        Cli.Result i = Cli.run("inspect", "--model", model.toString());
        assertThat(i.out()).contains("784-200-10").contains("weights[0]   200 x 784").contains("158,800 weights");
        JsonNode j = new ObjectMapper().readTree(Cli.run("inspect", "--model", model.toString(), "--json").out());
        assertThat(j.get("training").get("seed").asLong()).isEqualTo(5);
        Cli.Result s = Cli.run("show", "--dataset", "mnist", "--split", "test", "--count", "2");
        assertThat(s.out()).contains("mnist/test #0: label 7").contains("mnist/test #1: label 2");
        Cli.Result g = Cli.run("show", "--dataset", "mnist", "--count", "10", "--out", dir.resolve("r.png").toString());
        assertThat(g.out()).contains("(10 records of mnist/train)");
        Cli.Result each = Cli.run("show", "--dataset", "mnist", "--one-per-class");
        assertThat(each.out().lines().filter(l -> l.startsWith("mnist/train #")).toList()).containsExactly(
                "mnist/train #1: label 0", "mnist/train #3: label 1", "mnist/train #5: label 2", "mnist/train #7: label 3",
                "mnist/train #2: label 4", "mnist/train #0: label 5", "mnist/train #13: label 6", "mnist/train #15: label 7",
                "mnist/train #17: label 8", "mnist/train #4: label 9");
        Path csv = dir.resolve("t100.csv");
        Path cache = RealData.datasets().fetch("mnist").get(2).getParent();
        Cli.Result c = Cli.run("convert", "--images", cache.resolve("t10k-images-idx3-ubyte").toString(), "--labels",
                cache.resolve("t10k-labels-idx1-ubyte").toString(), "--out", csv.toString(), "--count", "100");
        assertThat(c.out()).contains("wrote " + csv + " (100 records of 28x28)");
        assertThat(Files.readAllLines(csv)).hasSize(100).first().asString().startsWith("7,0,0,");
    }

    @Test
    void fetch_reportsVerifiedFiles() {
        Cli.Result r = Cli.run("fetch", "mnist");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mnist: 4 files verified in").contains("train-images-idx3-ubyte      47,040,016 bytes");
    }

    static BufferedImage darkOnLight(byte[] pixels, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int ink = pixels[(y * 28 / size) * 28 + x * 28 / size] & 0xff;
                int g = 255 - ink;
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
