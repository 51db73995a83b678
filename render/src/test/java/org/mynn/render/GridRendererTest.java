package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GridRendererTest {

    final ImageRenderer images = new PixelImageRenderer();
    final CaptionedGridRenderer grid = new CaptionedGridRenderer(images);

    static List<Tile> tiles(int n) {
        Random r = new Random(345);
        List<Tile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Tile(r.doubles(784).toArray(), 28, 28, "true " + i + " / said " + (9 - i) + " (0.93)", ColorMap.GREYS));
        }
        return out;
    }

    @Test
    void grid_tilesAreDrawnExactly_andCaptionsStayInTheirOwnBands() {
        List<Tile> tiles = tiles(10);
        BufferedImage img = grid.grid(tiles, 5, 3, "what the network sees");
        CaptionedGridRenderer.Layout layout = grid.layout(tiles, 5, 3, "what the network sees");
        assertThat(img.getWidth()).isEqualTo(layout.width());
        assertThat(img.getHeight()).isEqualTo(layout.height());
        for (int i = 0; i < tiles.size(); i++) {
            Rectangle r = layout.tiles().get(i);
            BufferedImage alone = images.render(tiles.get(i).values(), 28, 28, ColorMap.GREYS, 3);
            for (int y = 0; y < r.height; y++) {
                for (int x = 0; x < r.width; x++) {
                    assertThat(img.getRGB(r.x + x, r.y + y)).as("tile %d at (%d,%d)", i, x, y).isEqualTo(alone.getRGB(x, y));
                }
            }
            assertThat(r.intersects(layout.captions().get(i))).isFalse();
        }
        int inked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xffffff) {
                    continue;
                }
                final int px = x;
                final int py = y;
                boolean inTile = layout.tiles().stream().anyMatch(r -> r.contains(px, py));
                boolean inCaption = layout.captions().stream().anyMatch(r -> r.contains(px, py));
                assertThat(inTile || inCaption || layout.title().contains(x, y)).as("ink at (%d,%d)", x, y).isTrue();
                if (inCaption) {
                    inked++;
                }
            }
        }
        assertThat(inked).as("caption pixels drawn").isGreaterThan(100);
        assertThat(layout.title().intersects(layout.tiles().get(0))).isFalse();
    }

    @Test
    void grid_lastRowMayBeShort_andWithoutCaptionsNoBandIsReserved() {
        List<Tile> noCaptions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            noCaptions.add(new Tile(new double[4], 2, 2, "", ColorMap.GREYS));
        }
        CaptionedGridRenderer.Layout layout = grid.layout(noCaptions, 3, 10, null);
        assertThat(layout.captions()).allMatch(r -> r.height == 0);
        assertThat(layout.height()).isEqualTo(8 + 3 * (20 + 8));
        assertThat(grid.grid(noCaptions, 3, 10, null).getHeight()).isEqualTo(layout.height());
    }
}
