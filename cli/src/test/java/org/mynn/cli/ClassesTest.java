package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/** A model asked about data of other classes says so: refused where it cannot answer, warned where it can. */
class ClassesTest {

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    @TempDir
    Path dir;

    @Test
    void query_ofARecordWhoseDataHasOtherClasses_isRefusedAsTestRefusesIt() {
        Path five = dir.resolve("five.json");
        JSON.save(NeuralNetwork.builder(784, 10, 5).seed(1).build(), five);
        Cli.Result r = Cli.run(BeyondTheBookTest.MEMORY, "query", "--model", five.toString(), "--dataset", "tiny",
                "--index", "7");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + five + ": the model has 5 outputs but tiny/test has 10 classes"
                + " [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; ask it about data of its own classes [0, 1, 2, 3, 4]"
                + System.lineSeparator());
    }

    @Test
    void query_ofAPictureNamedWithALabelTheModelLacks_saysSoInsteadOfFailing() throws Exception {
        Path five = dir.resolve("five.json");
        JSON.save(NeuralNetwork.builder(784, 10, 5).seed(1).build(), five);
        Path png = dir.resolve("my_7.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Cli.Result r = Cli.run("query", "--model", five.toString(), png.toString(), "--no-picture");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(its name says 7, which is not one of the model's 5 classes)");
    }

    @Test
    void testAndCompare_ofAModelOfOtherClasses_warnNamingBothLists() {
        NeuralNetwork plain = NeuralNetwork.builder(784, 10, 10).seed(1).build();
        List<String> clothes = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot");
        Path fashion = dir.resolve("fashion.json");
        JSON.save(plain.withProvenance(plain.provenance().toBuilder().classes(clothes).build()), fashion);
        String warning = "mynn: warning: " + fashion + " was trained on the classes " + clothes + " but tiny/test has"
                + " [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]; its answers are counted right by position only";
        Cli.Result t = Cli.run(BeyondTheBookTest.MEMORY, "test", "--model", fashion.toString(), "--dataset", "tiny");
        assertThat(t.exit()).as(t.toString()).isZero();
        assertThat(t.err().strip()).isEqualTo(warning);
        Path digits = dir.resolve("digits.json");
        JSON.save(plain, digits);
        Cli.Result c = Cli.run(BeyondTheBookTest.MEMORY, "compare", digits.toString(), fashion.toString(), "--dataset", "tiny");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.err().strip()).isEqualTo(warning);
        assertThat(Cli.run(BeyondTheBookTest.MEMORY, "test", "--model", digits.toString(), "--dataset", "tiny").err()).isEmpty();
    }
}
