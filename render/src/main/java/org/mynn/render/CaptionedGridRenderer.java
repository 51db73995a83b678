package org.mynn.render;

import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link GridRenderer} on a white background: tiles with a margin around each, every caption centred in a band of
 * its own under its tile (never over it), the title in a band above everything.
 */
public final class CaptionedGridRenderer implements GridRenderer {

    static final int MARGIN = 8;

    private final ImageRenderer images;

    @Inject
    public CaptionedGridRenderer(ImageRenderer images) {
        Headless.ensure();
        this.images = images;
    }

    /** Where everything goes: one rectangle per tile and per caption band, and the title band. */
    public record Layout(int width, int height, List<Rectangle> tiles, List<Rectangle> captions, Rectangle title,
            int fontSize) {
    }

    /** @return the layout {@link #grid} uses for these tiles */
    public Layout layout(List<Tile> tiles, int columns, int scale, String title) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one tile");
        }
        PictureSize.check((long) tiles.get(0).cols() * scale, (long) tiles.get(0).rows() * scale);
        int tw = tiles.get(0).cols() * scale;
        int th = tiles.get(0).rows() * scale;
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = (tiles.size() + cols - 1) / cols;
        int fontSize = Math.max(10, Math.min(18, tw / 9));
        boolean captions = tiles.stream().anyMatch(t -> t.caption() != null && !t.caption().isEmpty());
        int capH = captions ? fontSize + fontSize / 2 + 4 : 0;
        int titleH = title == null || title.isEmpty() ? 0 : fontSize + 12;
        long longWidth = MARGIN + (long) cols * (tw + MARGIN);
        long longHeight = MARGIN + titleH + (long) rows * (th + capH + MARGIN);
        PictureSize.check(longWidth, longHeight);
        int width = (int) longWidth;
        int height = (int) longHeight;
        List<Rectangle> tileRects = new ArrayList<>();
        List<Rectangle> capRects = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            int x = MARGIN + (i % cols) * (tw + MARGIN);
            int y = MARGIN + titleH + (i / cols) * (th + capH + MARGIN);
            tileRects.add(new Rectangle(x, y, tw, th));
            capRects.add(new Rectangle(x, y + th, tw, capH));
        }
        return new Layout(width, height, tileRects, capRects, new Rectangle(0, 0, width, titleH + MARGIN / 2), fontSize);
    }

    @Override
    public void checkSize(int count, Tile sample, int columns, int scale, String title) {
        layout(java.util.Collections.nCopies(Math.max(1, count), sample), columns, scale, title);
    }

    @Override
    public BufferedImage grid(List<Tile> tiles, int columns, int scale, String title) {
        Layout layout = layout(tiles, columns, scale, title);
        BufferedImage out = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            if (layout.title().height > MARGIN / 2) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, layout.fontSize()));
                drawCentred(g, title, layout.title());
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, layout.fontSize()));
            for (int i = 0; i < tiles.size(); i++) {
                Tile t = tiles.get(i);
                Rectangle r = layout.tiles().get(i);
                g.drawImage(images.render(t.values(), t.rows(), t.cols(), t.map(), scale), r.x, r.y, null);
                if (t.caption() != null && !t.caption().isEmpty()) {
                    drawCentred(g, t.caption(), layout.captions().get(i));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Draws {@code text} centred in {@code band}: in a smaller font (down to 9 px) when it does not fit, shortened
     * with an ellipsis only when even that does not; clipped to the band.
     */
    private static void drawCentred(Graphics2D g, String text, Rectangle band) {
        Font original = g.getFont();
        for (int size = original.getSize(); size > 9 && g.getFontMetrics().stringWidth(text) > band.width; size--) {
            g.setFont(original.deriveFont((float) (size - 1)));
        }
        FontMetrics fm = g.getFontMetrics();
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s) > band.width) {
            s = s.substring(0, s.length() - 2) + "\u2026";
        }
        int x = band.x + (band.width - fm.stringWidth(s)) / 2;
        int y = band.y + (band.height - fm.getHeight()) / 2 + fm.getAscent();
        java.awt.Shape clip = g.getClip();
        g.clip(band);
        g.drawString(s, x, y);
        g.setClip(clip);
        g.setFont(original);
    }
}
