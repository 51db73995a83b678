/**
 * Every picture mynn makes: one image upscaled with a colour map ({@link org.mynn.render.ImageRenderer}),
 * captioned grids ({@link org.mynn.render.GridRenderer}), training and confusion charts
 * ({@link org.mynn.render.ChartRenderer}, JFreeChart), a quick look in the terminal
 * ({@link org.mynn.render.TerminalRenderer}), and atomic PNG files ({@link org.mynn.render.ImageSink}).
 * {@link org.mynn.render.NetworkViews} turns a network into tiles: backquery of each class, hidden units' weights.
 * Everything renders headless.
 */
package org.mynn.render;
