package org.mynn.render;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/**
 * The render module's Guice bindings, each a singleton a test or another module can override:
 * {@link ImageRenderer} to {@link PixelImageRenderer}, {@link GridRenderer} to {@link CaptionedGridRenderer},
 * {@link ChartRenderer} to {@link JFreeChartRenderer}, {@link TerminalRenderer} to {@link BlockTerminalRenderer},
 * {@link ImageSink} to {@link PngFiles}.
 */
public final class RenderModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ImageRenderer.class).to(PixelImageRenderer.class).in(Singleton.class);
        bind(GridRenderer.class).to(CaptionedGridRenderer.class).in(Singleton.class);
        bind(ChartRenderer.class).to(JFreeChartRenderer.class).in(Singleton.class);
        bind(TerminalRenderer.class).to(BlockTerminalRenderer.class).in(Singleton.class);
        bind(ImageSink.class).to(PngFiles.class).in(Singleton.class);
    }
}
