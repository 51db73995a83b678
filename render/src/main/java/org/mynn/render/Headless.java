package org.mynn.render;

/** Makes sure AWT runs without a display, before anything of AWT is touched. */
final class Headless {

    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
