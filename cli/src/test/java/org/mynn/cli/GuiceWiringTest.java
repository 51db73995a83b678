package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.google.inject.AbstractModule;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;
import org.mynn.render.ImageSink;

/**
 * The point of the wiring: one binding is replaced and a command runs end to end without touching the rest.
 */
class GuiceWiringTest {

    @TempDir
    Path dir;

    /** A dataset source that holds two tiny datasets in memory and never touches the disk or the network. */
    static final class InMemory implements DatasetSource {
        final Dataset train = random("tiny/train", 300, 1);
        final Dataset test = random("tiny/test", 100, 2);

        static Dataset random(String name, int n, long seed) {
            Random r = new Random(seed);
            byte[] px = new byte[n * 784];
            byte[] lab = new byte[n];
            for (int i = 0; i < n; i++) {
                lab[i] = (byte) r.nextInt(10);
                px[i * 784 + lab[i] * 70] = (byte) 255; // one bright pixel per class: learnable
            }
            return new Dataset(name, 28, 28, px, lab, Dataset.numberedClasses(10));
        }

        @Override
        public Dataset load(String name, Split split) {
            return split == Split.TRAIN ? train : test;
        }

        @Override
        public List<Path> fetch(String name) {
            return List.of();
        }

        @Override
        public List<String> names() {
            return List.of("tiny");
        }

        @Override
        public Path dataDir() {
            return Path.of("memory");
        }

        @Override
        public DatasetSource withDataDir(Path d) {
            return this;
        }

        @Override
        public DatasetSource withMirrors(List<URI> mirrors) {
            return this;
        }

        @Override
        public Dataset reload(Provenance.DataReference ref, String what) {
            return load(ref.dataset(), "train".equals(ref.split()) ? Split.TRAIN : Split.TEST);
        }
    }

    @Test
    void inMemoryDatasetSource_trainAndTestRunWithoutTheRealData() {
        AbstractModule memory = new AbstractModule() {
            @Override
            protected void configure() {
                bind(DatasetSource.class).toInstance(new InMemory());
            }
        };
        Path model = dir.resolve("tiny.json");
        Cli.Result r = Cli.run(memory, "train", "--dataset", "tiny", "--hidden", "20", "--epochs", "3", "--lr", "0.3",
                "--seed", "1", "--out", model.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("on tiny/train: 300 samples x 3 epochs");
        NeuralNetwork net = new ModelJson(ActivationRegistry.load()).load(model);
        assertThat(net.layers()).containsExactly(784, 20, 10);
        assertThat(net.provenance().dataset()).isEqualTo("tiny/train");
        Cli.Result t = Cli.run(memory, "test", "--model", model.toString(), "--dataset", "tiny");
        assertThat(t.out()).startsWith("tiny/test: 100 samples");
    }

    @Test
    void everyTrainingMode_runsThroughTheCommandLine_andIsRecordedInTheModel() {
        AbstractModule memory = new AbstractModule() {
            @Override
            protected void configure() {
                bind(DatasetSource.class).toInstance(new InMemory());
            }
        };
        String[][] modes = {{"--threads", "2", "--precision", "float"}, {"--threads", "2", "--batch", "10", "--lr", "1.0"},
            {"--threads", "1"}, {"--threads", "2", "--batch", "10", "--lr", "1.0", "--precision", "float", "--optimizer", "momentum"}};
        String[][] recorded = {{"float", "1"}, {"double", "10"}, {"double", "1"}, {"float", "10"}};
        for (int i = 0; i < modes.length; i++) {
            Path model = dir.resolve("mode" + i + ".json");
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--dataset", "tiny", "--hidden", "12",
                    "--epochs", "1", "--seed", "1", "--out", model.toString()), java.util.Arrays.stream(modes[i])).toArray(String[]::new);
            Cli.Result r = Cli.run(memory, args);
            assertThat(r.exit()).as(r.toString()).isZero();
            NeuralNetwork net = new ModelJson(ActivationRegistry.load()).load(model);
            assertThat(net.provenance().precision().label()).isEqualTo(recorded[i][0]);
            assertThat(net.provenance().batch()).isEqualTo(Integer.parseInt(recorded[i][1]));
        }
    }

    @Test
    void divergence_stopsWithEpochAndSample_keepsTheLastCheckpoint_andSavesNoModel() throws Exception {
        AbstractModule memory = new AbstractModule() {
            @Override
            protected void configure() {
                bind(DatasetSource.class).toInstance(new InMemory());
            }
        };
        Path model = dir.resolve("wild.json");
        Path checkpoint = dir.resolve("wild.checkpoint.json");
        Cli.Result r = Cli.run(memory, "train", "--dataset", "tiny", "--hidden", "20", "--activation", "leaky-relu", "--lr", "2",
                "--epochs", "5", "--seed", "1", "--threads", "1", "--checkpoint-every", "1", "--out", model.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        // leaky-relu takes the run past the book: the gradient rule, shuffled samples; the hints come from its settings
        assertThat(r.err()).isEqualTo("mynn: training diverged in epoch 3 at sample 279 (879 samples into the run): the"
                + " network's outputs became NaN or infinite, first in the weights of layer 1 (784->20); try --init he (relu"
                + " layers keep their signal's size with He's initial weights), or --lr 0.2 (a tenth of 2); the last good"
                + " checkpoint, " + checkpoint
                + ", is intact" + System.lineSeparator());
        assertThat(model).doesNotExist();
        NeuralNetwork kept = new ModelJson(ActivationRegistry.load()).load(checkpoint);
        assertThat(kept.provenance().checkpoint().epochsDone()).isEqualTo(2);
        assertThat(kept.isFinite()).isTrue();
    }

    @Test
    void mockedImageSink_receivesEveryBackqueryPicture_andNothingIsWritten() throws Exception {
        Path model = dir.resolve("m.json");
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 30, 10).seed(3).build(), model);
        ImageSink sink = mock(ImageSink.class);
        Path out = dir.resolve("pictures");
        Cli.Result r = Cli.run(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ImageSink.class).toInstance(sink);
            }
        }, "backquery", "--model", model.toString(), "--all", "--out", out.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        verify(sink, times(11)).writePng(any(BufferedImage.class), any(Path.class));
        verify(sink).writePng(any(BufferedImage.class), eq(out.resolve("7.png")));
        verify(sink).writePng(any(BufferedImage.class), eq(out.resolve("grid.png")));
        try (var files = Files.list(out)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
