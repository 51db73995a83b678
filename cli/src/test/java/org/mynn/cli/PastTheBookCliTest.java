package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.cli.service.Runs;
import org.mynn.core.run.RunSpec;
import org.mynn.cli.service.TrainingRun;
import org.mynn.core.Registry;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.inject.CoreModule;
import org.mynn.core.io.ModelJson;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.Schedule;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Augment;
import org.mynn.data.CsvWriter;
import org.mynn.data.DataModule;
import org.mynn.data.Dataset;
import org.mynn.data.Datasets;
import org.mynn.data.fetch.Fetcher;

/** The options past the book, through the command line and its services, on small data. */
class PastTheBookCliTest {

    @TempDir
    Path dir;

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    @Test
    void plugins_listsEveryKind_andChecksTheirContracts() {
        Cli.Result r = Cli.run("plugins", "--check");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("activations:\n").contains("losses:\n").contains("optimizers:\n").contains("augmentations:\n")
                .contains("  softmax ").contains("  cross-entropy ").contains("  adam ").contains("  elastic ")
                .contains("all 16 keep their contracts");
    }

    @Test
    void train_withEveryOptionPastTheBook_savesTheBestEpochByValidation_withEverythingInTheModel() {
        Path model = dir.resolve("m.json");
        Cli.Result r = Cli.run(BeyondTheBookTest.MEMORY, "train", "--dataset", "tiny", "--hidden", "16", "--output", "softmax",
                "--loss", "cross-entropy", "--bias", "--init", "glorot", "--optimizer", "momentum:0.8", "--lr", "0.05",
                "--lr-schedule", "step:1:0.5", "--augment", "shift:1,elastic:8:3", "--validation", "60", "--keep", "best",
                "--epochs", "3", "--seed", "4", "--out", model.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("past the book: softmax output, cross-entropy loss, biases, glorot init, optimizer"
                + " momentum:0.8, lr schedule step:1:0.5").contains("so the literature's defaults: the gradient rule and a"
                + " fresh order every epoch").contains("on tiny/train[0:240]+shift:1,elastic:8:3: 240 samples x 3 epochs")
                .containsPattern("epoch 1  training loss [0-9.]+  validation [0-9.]+  test accuracy")
                .containsPattern("saved .*m\\.json \\(the best epoch, \\d: validation accuracy [0-9.]+, test accuracy [0-9.]+\\)");
        NeuralNetwork net = JSON.load(model);
        assertThat(net.loss().name()).isEqualTo("cross-entropy");
        assertThat(net.activation(1).name()).isEqualTo("softmax");
        assertThat(net.hasBiases()).isTrue();
        Provenance p = net.provenance();
        assertThat(p.init()).isEqualTo(WeightInit.GLOROT);
        assertThat(p.optimizer()).isEqualTo("momentum:0.8");
        assertThat(p.schedule()).isEqualTo("step:1:0.5");
        assertThat(p.rule()).isEqualTo(org.mynn.core.model.BackpropRule.GRADIENT);
        assertThat(p.order()).isEqualTo(org.mynn.core.model.Order.SHUFFLE);
        double best = p.history().stream().mapToDouble(Provenance.Epoch::validation).max().orElseThrow();
        assertThat(p.history().get(p.history().size() - 1).validation()).isEqualTo(best);
    }

    @Test
    void demoAndSweep_takeTheSameOptions() throws Exception {
        Path out = dir.resolve("demo");
        Cli.Result d = Cli.run(BeyondTheBookTest.MEMORY, "demo", "--dataset", "tiny", "--hidden", "16", "--output", "softmax",
                "--loss", "cross-entropy", "--bias", "--epochs", "2", "--validation", "50", "--keep", "best", "--out",
                out.toString());
        assertThat(d.exit()).as(d.toString()).isZero();
        assertThat(d.out()).containsPattern("\\(kept epoch \\d of 2, the best on the 50 images held out\\)");
        assertThat(out.resolve("backquery/grid.png")).exists();
        assertThat(JSON.load(out.resolve("model.json")).loss().name()).isEqualTo("cross-entropy");

        Path sw = dir.resolve("sweep");
        Cli.Result s = Cli.run(BeyondTheBookTest.MEMORY, "sweep", "--dataset", "tiny", "--lr", "0.05", "--epochs", "1..2",
                "--hidden", "8", "--output", "softmax", "--loss", "cross-entropy", "--bias", "--optimizer", "nesterov",
                "--validation", "50", "--keep", "best", "--out", sw.toString());
        assertThat(s.exit()).as(s.toString()).isZero();
        List<String> csv = Files.readAllLines(sw.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo("lr,hidden,epochs,repeat,seed,accuracy,mse,seconds,validation,kept");
        assertThat(csv).hasSize(3);
        JsonNode json = new ObjectMapper().readTree(sw.resolve("results.json").toFile());
        assertThat(json.get("recipe").asText()).isEqualTo("--loss cross-entropy --output softmax --bias --optimizer nesterov"
                + " --validation 50 --keep best");
    }

    @Test
    void badValues_areUsageErrorsNamingTheOption_beforeAnyWork() {
        String[][] cases = {
            {"--keep", "best"}, {"mynn: --keep: best needs images held out to choose the best epoch by (validation)"},
            {"--loss", "cross-entropy", "--activation", "tanh"}, {"mynn: --loss: the cross-entropy loss reads the outputs as"
                    + " probabilities, so the output layer must be softmax or sigmoid (outputs in (0, 1)), not tanh; give the output layer softmax"},
            {"--loss", "hinge"}, {"mynn: --loss: unknown loss 'hinge'; available: cross-entropy, mse (a plugin jar adds more)"},
            {"--optimizer", "adam:2"}, {"mynn: --optimizer: adam's B1 must be between 0 and 1 but is 2.0"},
            {"--optimizer", "rmsprop"}, {"mynn: --optimizer: unknown optimizer 'rmsprop'; available: adam, momentum, nesterov, sgd"
                    + " (a plugin jar adds more)"},
            {"--lr-schedule", "linear"}, {"mynn: --lr-schedule: learning-rate schedule 'linear' is not understood; write constant,"
                    + " step:N:FACTOR, exp:FACTOR or cosine[:MIN], e.g. step:10:0.5"},
            {"--augment", "flip"}, {"mynn: --augment: unknown augmentation 'flip'; available: affine, elastic, rotate, shift (a"
                    + " plugin jar adds more)"},
            {"--augment", "elastic:34:x"}, {"mynn: --augment: 'elastic:34:x' is not understood: 'x' is not a number (write"
                    + " elastic[:ALPHA[:SIGMA]])"},
            {"--validation", "-1"}, {"mynn: --validation: must be at least 0 (0 holds none out) but is -1"},
            {"--validation", "300"}, {"mynn: --validation: holds out 300 images but tiny/train has only 300, which leaves none"
                    + " to learn from"},
            {"--output", "cube"}, {"mynn: --output: unknown activation 'cube'; available: leaky-relu, relu, sigmoid, softmax,"
                    + " softplus, tanh (a plugin jar adds more)"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            List<String> args = new ArrayList<>(List.of("train", "--dataset", "tiny", "--out", dir.resolve("x.json").toString()));
            args.addAll(List.of(cases[i]));
            Cli.Result r = Cli.run(BeyondTheBookTest.MEMORY, args.toArray(String[]::new));
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).isEqualTo(cases[i + 1][0] + " (see 'mynn train --help')");
            assertThat(dir.resolve("x.json")).doesNotExist();
        }
    }

    /**
     * A run with held-out images, per-epoch distortions, an optimizer with state and a schedule, stopped mid-epoch and
     * resumed from its checkpoint by the service the command uses, ends bit for bit where the uninterrupted run ends: the
     * checkpoint brings back the same records, the same distortions, the optimizer's state and the schedule.
     */
    @Test
    void resumedFromACheckpoint_withEverythingPastTheBook_isBitIdentical() {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        CsvWriter.write(GuiceWiringTest.InMemory.random("t", 200, 3), train);
        CsvWriter.write(GuiceWiringTest.InMemory.random("s", 50, 4), test);
        Injector injector = Guice.createInjector(new CoreModule(), new DataModule(dir.resolve("cache"), Fetcher.Settings.DEFAULT));
        TrainingRun runs = injector.getInstance(TrainingRun.class);
        Augment augment = injector.getInstance(Augment.class);
        Registry<Optimizer> optimizers = Registry.load(Optimizer.class, getClass().getClassLoader(), "optimizer");
        Dataset trainData = Datasets.fromFiles(train, null, Dataset.numberedClasses(10));
        Dataset testData = Datasets.fromFiles(test, null, Dataset.numberedClasses(10));
        Runs service = injector.getInstance(Runs.class);
        RunSpec spec = service.spec().hidden(12).activation("tanh").output("softmax").loss("cross-entropy").biases(true)
                .init("glorot").optimizer("adam").schedule("cosine").augment("shift:1,elastic:10:3").validation(40)
                .keep("best").lr(0.002).seed(9L).batch(4).threads(2).epochs(3).build();
        TrainingRun.Job job = service.prepare(spec, trainData, testData).job();
        NeuralNetwork whole;
        try (TrainingRun.Session s = runs.session(new TrainingRun.Checkpoints(0, 0, dir.resolve("none.json"), false))) {
            whole = s.run(job, TrainingListener.NONE).network();
        }
        Path ckpt = dir.resolve("ckpt.json");
        TrainingRun.Result stopped;
        try (TrainingRun.Session s = runs.session(new TrainingRun.Checkpoints(0, 0, ckpt, false))) {
            stopped = s.run(job, new TrainingListener() {
                @Override
                public void epochStarted(int epoch, int total, int samples) {
                    if (epoch == 2) {
                        s.stop();
                    }
                }
            });
        }
        assertThat(stopped.position().epochsDone()).isEqualTo(1);
        assertThat(stopped.position().samplesDone()).isBetween(1, 10);
        TrainingRun.Job again = runs.resume(ckpt, 1);
        assertThat(again.sets().validation().size()).isEqualTo(40);
        assertThat(again.train().name()).isEqualTo("train.csv[0:160]+shift:1,elastic:10:3");
        assertThat(again.settings().optimizer().spec()).isEqualTo("adam");
        NeuralNetwork resumed;
        try (TrainingRun.Session s = runs.session(new TrainingRun.Checkpoints(0, 0, dir.resolve("c2.json"), false))) {
            resumed = s.run(again, TrainingListener.NONE).network();
        }
        assertThat(bits(resumed)).isEqualTo(bits(whole));
        assertThat(resumed.provenance().history()).extracting(Provenance.Epoch::validation)
                .isEqualTo(whole.provenance().history().stream().map(Provenance.Epoch::validation).toList());
    }

    static long[] bits(NeuralNetwork net) {
        return Stream.concat(Stream.of(net.allWeights()).map(m -> m.data), Stream.of(net.allBiases()))
                .flatMapToDouble(java.util.Arrays::stream).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
