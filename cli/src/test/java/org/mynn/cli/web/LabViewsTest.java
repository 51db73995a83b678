package org.mynn.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.render.NetworkViews;
import org.mynn.render.PixelImageRenderer;
import org.mynn.render.Tile;

/** The lab's live pictures are render's: the frames' grey levels and the weights mosaic, pixel for pixel. */
class LabViewsTest {

    final LabViews views = new LabViews(new PixelImageRenderer());
    final NeuralNetwork net = NeuralNetwork.builder(784, 30, 10).seed(4).build();

    @Test
    void framesBackquery_isThePngAtScaleOne_inkHigh() throws Exception {
        List<int[]> frame = views.backquery(net);
        assertThat(frame).hasSize(10);
        for (int k = 0; k < 10; k++) {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(views.backqueryPng(net, k, 1)));
            int[] ink = frame.get(k);
            int lo = 255;
            int hi = 0;
            for (int i = 0; i < 784; i++) {
                int grey = png.getRGB(i % 28, i / 28) & 0xff;
                assertThat(255 - ink[i]).as("class %d, pixel %d", k, i).isEqualTo(grey);
                lo = Math.min(lo, ink[i]);
                hi = Math.max(hi, ink[i]);
            }
            // scaled to its own range, as mynn backquery draws it: the faintest pixel white, the strongest black
            assertThat(lo).isZero();
            assertThat(hi).isEqualTo(255);
        }
    }

    @Test
    void weightsMosaic_placesRendersTilesOfHiddenUnits() {
        BufferedImage w = views.weights(net);
        assertThat(w.getWidth()).isEqualTo(20 * 29 + 1);
        assertThat(w.getHeight()).isEqualTo(2 * 29 + 1);
        List<Tile> tiles = NetworkViews.hiddenUnits(net, 28, 28, 30);
        for (int u : new int[] {0, 19, 20, 29}) {
            BufferedImage tile = new PixelImageRenderer().render(tiles.get(u).values(), 28, 28, tiles.get(u).map(), 1);
            int x0 = (u % 20) * 29 + 1;
            int y0 = (u / 20) * 29 + 1;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertThat(w.getRGB(x0 + x, y0 + y)).as("unit %d at (%d,%d)", u, x, y).isEqualTo(tile.getRGB(x, y));
                }
            }
            assertThat(w.getRGB(x0 - 1, y0) & 0xffffff).as("the line left of unit %d", u).isEqualTo(0xffffff);
        }
    }
}
