package org.mynn.render;

import org.mynn.core.model.TrainingSettings;
import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.data.Dataset;
import org.mynn.data.RealData;
import org.mynn.data.Split;

/**
 * Pictures of a network trained briefly on the real MNIST (784-50-10, 3 epochs over 3,000 images, tested on
 * 1,000): its backquery grid, its hidden units, its training chart and its confusion matrix, written as PNG files
 * and decoded again.
 */
@Tag(Tags.REAL_DATA)
class RealPicturesTest {

    @TempDir
    static Path dir;
    static NeuralNetwork net;
    static List<Provenance.Epoch> history;
    static int[][] confusion;

    @BeforeAll
    static void train() {
        Dataset train = RealData.mnist(Split.TRAIN).slice(0, 3000);
        Dataset test = RealData.mnist(Split.TEST).slice(0, 1000);
        NeuralNetwork fresh = NeuralNetwork.builder(784, 50, 10).learningRate(0.1).seed(1).build();
        net = new Trainer(TrainingSettings.of(fresh), TrainingListener.NONE).fit(fresh, train, test, 3);
        history = net.provenance().history();
        confusion = Evaluator.evaluate(net, test).confusion();
    }

    static BufferedImage roundTrip(BufferedImage img, String name) throws Exception {
        Path f = dir.resolve(name);
        new PngFiles().writePng(img, f);
        return ImageIO.read(f.toFile());
    }

    static boolean hasColour(BufferedImage img, int rgb, int tolerance) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
                        && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void backqueryGrid_everyTileRunsFromWhiteToBlack() throws Exception {
        assertThat(history.get(2).accuracy()).isGreaterThan(0.8);
        List<Tile> tiles = NetworkViews.backqueryAll(net, Dataset.numberedClasses(10), 28, 28);
        CaptionedGridRenderer grid = new CaptionedGridRenderer(new PixelImageRenderer());
        BufferedImage img = roundTrip(grid.grid(tiles, 5, 4, "backquery"), "backquery.png");
        CaptionedGridRenderer.Layout layout = grid.layout(tiles, 5, 4, "backquery");
        for (Rectangle r : layout.tiles()) {
            int min = 255;
            int max = 0;
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    int grey = img.getRGB(x, y) & 0xff;
                    min = Math.min(min, grey);
                    max = Math.max(max, grey);
                }
            }
            assertThat(min).isZero();
            assertThat(max).isEqualTo(255);
        }
    }

    @Test
    void hiddenUnits_areDivergingTiles() throws Exception {
        List<Tile> tiles = NetworkViews.hiddenUnits(net, 28, 28, 50);
        assertThat(tiles).hasSize(50).allMatch(t -> t.map() == ColorMap.DIVERGING);
        BufferedImage img = roundTrip(new CaptionedGridRenderer(new PixelImageRenderer()).grid(tiles, 10, 2, null), "weights.png");
        assertThat(hasColour(img, 0xff0000, 0)).isTrue();
        assertThat(hasColour(img, 0x0000ff, 0)).isTrue();
    }

    @Test
    void trainingChart_drawsBothSeries() throws Exception {
        BufferedImage img = roundTrip(new JFreeChartRenderer().training(history, "training", 800, 500), "training.png");
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        assertThat(hasColour(img, 0x1f77b4, 10)).as("accuracy line").isTrue();
        assertThat(hasColour(img, 0xd62728, 10)).as("mse line").isTrue();
    }

    @Test
    void confusionHeatmap_hasDarkDiagonalCells() throws Exception {
        int total = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                total += c;
            }
        }
        assertThat(total).isEqualTo(1000);
        BufferedImage img = roundTrip(new JFreeChartRenderer().confusion(confusion, Dataset.numberedClasses(10),
                "confusion", 700, 700), "confusion.png");
        assertThat(img.getWidth()).isEqualTo(700);
        assertThat(hasColour(img, 0x08306b, 25)).as("dark blue diagonal").isTrue();
    }
}
