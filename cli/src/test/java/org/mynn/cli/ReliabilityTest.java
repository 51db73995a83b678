package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.terminal.Terminal;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/** What the errors table cannot show: a line on stderr beside an answer, paths it cannot spell, sizes of this JVM. */
class ReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyOutputName_isAUsageError() {
        Cli.Result r = Cli.run("train", "--out", "");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("mynn: --out is empty; give a file name (see 'mynn train --help')" + System.lineSeparator());
    }

    @Test
    void aNetworkLargerThanMemory_isRefusedBeforeAllocating_sayingHowToGiveJavaMore() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "5" + ",0".repeat(784) + "\n");
        Cli.Result r = Cli.run("train", "--train", csv.toString(), "--hidden", "500000", "--out", dir.resolve("m.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("mynn: --hidden: the 397,000,000 weights of a 784-500000-10 network trained in batches of 1"
                + " need about ")
                .contains("give it more with MYNN_JAVA_OPTS=-Xmx").endsWith(", or ask for less (see 'mynn train --help')" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPictureWithoutInk_isAnswered_withAWarning() throws Exception {
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), dir.resolve("m.json"));
        BufferedImage white = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.dispose();
        Path png = dir.resolve("blank.png");
        ImageIO.write(white, "png", png.toFile());
        Cli.Result r = Cli.run("query", "--model", dir.resolve("m.json").toString(), png.toString(), "--no-picture");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(png + ": ");
        assertThat(r.err()).isEqualTo("mynn: warning: " + png + " has no ink (every pixel is alike), so the answer means nothing"
                + System.lineSeparator());
        Cli.Result json = Cli.run("query", "--model", dir.resolve("m.json").toString(), png.toString(), "--json");
        JsonNode answer = new ObjectMapper().readTree(json.out()).get(0);
        assertThat(answer.get("warning").asText()).isEqualTo("the picture has no ink (every pixel is alike), so the answer means"
                + " nothing");
    }

    @Test
    void aJarThatProvidesNoPlugin_isNamedAndIgnored() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("not-a-plugin.jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            jar.write("nothing here".getBytes());
        }
        Cli.Result r = Cli.run("--plugins", plugins.toString(), "activations");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("mynn: note: " + plugins.resolve("not-a-plugin.jar") + " provides no mynn plugin (it has none of"
                + " the service files META-INF/services/org.mynn.core.{activation.Activation, loss.Loss, optimize.Optimizer,"
                + " augment.Augmentation}); it is ignored" + System.lineSeparator());
    }

    @Test
    void anOutOfMemoryError_isOneLine_namingTheCommandAndTheRemedy() {
        StringWriter err = new StringWriter();
        Terminal t = Terminal.of(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(Main.failure(new OutOfMemoryError("Java heap space"), t, false, "mynn show")).isEqualTo(1);
        assertThat(err.toString()).startsWith("mynn: 'mynn show' ran out of memory: Java may use at most ")
                .contains("; give it more with MYNN_JAVA_OPTS=-Xmx").endsWith("g, or ask for less" + System.lineSeparator())
                .doesNotContain("\tat ");
    }

    @Test
    void outputThroughASymbolicLink_replacesItsTarget_andTheLinkStays() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), ("5" + ",0".repeat(784) + "\n").repeat(3));
        Path real = dir.resolve("real.json");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        Cli.Result r = Cli.run("train", "--train", csv.toString(), "--hidden", "5", "--epochs", "1", "--out", link.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("{\n  \"format\": \"mynn-model\"");
    }
}
