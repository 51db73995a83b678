package org.mynn.cli;

import java.awt.image.BufferedImage;

/** Looks for colours in rendered pictures. */
final class RealPictures {

    private RealPictures() {
    }

    /** @return true when some pixel is within 40 of {@code rgb} in every channel and strongly coloured */
    static boolean hasColour(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 60 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 60
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 60) {
                    return true;
                }
            }
        }
        return false;
    }
}
