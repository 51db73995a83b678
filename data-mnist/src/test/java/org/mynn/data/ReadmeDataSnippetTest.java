package org.mynn.data;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.ReadmeSnippets;

/** The data snippet of the README compiles and runs as printed (with its two files made here). */
@Tag(Tags.REAL_DATA)
class ReadmeDataSnippetTest {

    @Test
    void readmeDataSnippet_compilesAndRuns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("mnist_train_100.csv");
        CsvWriter.write(RealData.mnist(Split.TRAIN).slice(0, 100), csv);
        Path png = dir.resolve("my_3.png");
        BufferedImage img = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 160);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(10));
        g.drawArc(20, 10, 80, 70, -90, 270);
        g.drawArc(20, 80, 80, 70, -180, 270);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
        Object[] out = (Object[]) ReadmeSnippets.run(dir, ReadmeSnippets.block("data-snippet"),
                List.of("com.google.inject.Guice", "org.mynn.core.inject.CoreModule", "org.mynn.data.*", "java.nio.file.Path"),
                Map.of("Path.of(\"mnist_train_100.csv\")", "Path.of(\"" + csv + "\")",
                        "Path.of(\"my_3.png\")", "Path.of(\"" + png + "\")"),
                "new Object[] {train, own, inputs, seen}");
        assertThat(((Dataset) out[0]).size()).isEqualTo(60_000);
        assertThat(((Dataset) out[1]).size()).isEqualTo(100);
        assertThat((double[]) out[2]).hasSize(784);
        assertThat((byte[]) out[3]).hasSize(784);
    }
}
