package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RenderModuleTest {

    @Test
    void injector_bindsEveryRenderer() {
        Injector injector = Guice.createInjector(new RenderModule());
        assertThat(injector.getInstance(GridRenderer.class)).isInstanceOf(CaptionedGridRenderer.class);
        assertThat(injector.getInstance(ChartRenderer.class)).isInstanceOf(JFreeChartRenderer.class);
        assertThat(injector.getInstance(TerminalRenderer.class)).isInstanceOf(BlockTerminalRenderer.class);
        assertThat(injector.getInstance(ImageSink.class)).isInstanceOf(PngFiles.class);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void aBindingCanBeSwapped_andTheGridUsesTheSwappedImageRenderer() {
        ImageRenderer flat = (values, rows, cols, map, scale) -> new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        Injector injector = Guice.createInjector(Modules.override(new RenderModule()).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ImageRenderer.class).toInstance(flat);
            }
        }));
        BufferedImage img = injector.getInstance(GridRenderer.class)
                .grid(java.util.List.of(new Tile(new double[] {0, 1, 2, 3}, 2, 2, "", ColorMap.GREYS)), 1, 10, null);
        assertThat(img.getRGB(8 + 5, 8 + 5) & 0xffffff).isZero();
    }
}
