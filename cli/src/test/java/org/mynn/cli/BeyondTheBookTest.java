package org.mynn.cli;

import org.mynn.cli.service.QueryService;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.data.DatasetSource;

/** The experiments of the book's later chapters, through the command line, on a small dataset in memory. */
class BeyondTheBookTest {

    @TempDir
    Path dir;

    static final AbstractModule MEMORY = new AbstractModule() {
        @Override
        protected void configure() {
            bind(DatasetSource.class).toInstance(new GuiceWiringTest.InMemory());
        }
    };

    @Test
    void sweep_writesTablesAndChartsForWhatVaries_andEachRunIsReproducibleWithTrain() throws Exception {
        Path out = dir.resolve("sw");
        Cli.Result r = Cli.run(MEMORY, "sweep", "--dataset", "tiny", "--lr", "0.1,0.3", "--epochs", "1..2", "--hidden", "8",
                "--repeats", "2", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("sweep: 4 runs of up to 2 epochs on tiny, 2 at a time").contains("[4/4] lr ");
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(1 + 2 * 2 * 2);
        assertThat(csv.get(0)).isEqualTo("lr,hidden,epochs,repeat,seed,accuracy,mse,seconds");
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.get("results").size()).isEqualTo(8);
        assertThat(ImageIO.read(out.resolve("accuracy-vs-lr.png").toFile()).getWidth()).isEqualTo(800);
        assertThat(ImageIO.read(out.resolve("accuracy-vs-epochs.png").toFile())).isNotNull();
        assertThat(out.resolve("accuracy-vs-hidden.png")).doesNotExist();
        JsonNode row = null;
        for (JsonNode n : json.get("results")) {
            if (n.get("lr").asDouble() == 0.3 && n.get("epochs").asInt() == 2 && n.get("seed").asLong() == 2) {
                row = n;
            }
        }
        Path model = dir.resolve("again.json");
        Cli.Result t = Cli.run(MEMORY, "train", "--dataset", "tiny", "--lr", "0.3", "--hidden", "8", "--epochs", "2",
                "--seed", "2", "--out", model.toString());
        assertThat(t.exit()).isZero();
        assertThat(new ModelJson(ActivationRegistry.load()).load(model).provenance().accuracy()).isEqualTo(row.get("accuracy").asDouble());
    }

    @Test
    void sweep_badLists_areUsageErrors() {
        assertThat(Cli.run(MEMORY, "sweep", "--epochs", "1..x").err())
                .startsWith("mynn: --epochs must be whole numbers or ranges like 1..7 but '1..x' is neither");
        assertThat(Cli.run(MEMORY, "sweep", "--lr", "0.1,-1").exit()).isEqualTo(2);
    }

    @Test
    void augment_trainsOnEveryImageAndItsTwoRotations() {
        Path model = dir.resolve("aug.json");
        Cli.Result r = Cli.run(MEMORY, "train", "--dataset", "tiny", "--hidden", "8", "--epochs", "1", "--augment", "rotate:10",
                "--out", model.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("on tiny/train+rotate:10: 900 samples x 1 epoch");
        NeuralNetwork net = new ModelJson(ActivationRegistry.load()).load(model);
        assertThat(net.provenance().samplesSeen()).isEqualTo(900L);
        assertThat(Cli.run(MEMORY, "train", "--augment", "flip", "--out", model.toString()).err())
                .startsWith("mynn: --augment: unknown augmentation 'flip'; available: affine, elastic, rotate, shift");
    }

    @Test
    void labelInFileName_isTheLastLoneDigit() {
        assertThat(QueryService.labelInName(Path.of("my_3.png"))).isEqualTo(3);
        assertThat(QueryService.labelInName(Path.of("test0042_7.png"))).isEqualTo(7);
        assertThat(QueryService.labelInName(Path.of("seven-7.jpg"))).isEqualTo(7);
        assertThat(QueryService.labelInName(Path.of("seven.png"))).isNull();
        assertThat(QueryService.labelInName(Path.of("digit0.png"))).isNull();
        assertThat(QueryService.labelInName(Path.of("2024-photo.jpg"))).isNull();
        assertThat(QueryService.labelInName(Path.of("5.png"))).isEqualTo(5);
    }

    static void write(BufferedImage img, Path p) throws Exception {
        ImageIO.write(img, p.toString().endsWith(".jpg") ? "jpg" : "png", p.toFile());
    }
}
