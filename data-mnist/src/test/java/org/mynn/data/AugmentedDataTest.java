package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingData;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.Fetcher;

/** Distortions drawn afresh every epoch, the same in every run with the same seed, and loaded again from a reference. */
class AugmentedDataTest {

    @TempDir
    Path dir;

    static double[] input(TrainingData d, int i) {
        double[] x = new double[d.inputSize()];
        d.input(i, x);
        return x;
    }

    @Test
    void eachEpochDistortsAfresh_theSameSeedGivesTheSameDistortions_andEpochZeroIsTheOriginal() {
        Dataset base = Samples.random(6, 1);
        TrainingData a = Augment.builtIn().apply(base, "elastic:34:4", 11);
        assertThat(a).isInstanceOf(AugmentedData.class);
        assertThat(a.size()).isEqualTo(6);
        assertThat(input(a, 2)).isEqualTo(input(base, 2));
        TrainingData e1 = a.forEpoch(1);
        TrainingData e2 = a.forEpoch(2);
        assertThat(input(e1, 2)).isNotEqualTo(input(base, 2)).isNotEqualTo(input(e2, 2));
        assertThat(input(Augment.builtIn().apply(base, "elastic:34:4", 11).forEpoch(1), 2)).isEqualTo(input(e1, 2));
        assertThat(input(Augment.builtIn().apply(base, "elastic:34:4", 12).forEpoch(1), 2)).isNotEqualTo(input(e1, 2));
        for (double v : input(e1, 2)) {
            assertThat(v).isBetween(0.01, 1.0);
        }
        assertThat(e1.label(2)).isEqualTo(base.label(2));
    }

    /**
     * Elastic distortions made ahead on the producer thread, on the trainer's, or (per sample on two threads) by the
     * training team between steps: the same bits, on 1 and 2 threads, per sample and in mini-batches.
     */
    @Test
    void trainingOnElasticDistortions_isTheSameBits_withAndWithoutMakingThemAhead_onOneAndTwoThreads() {
        TrainingData data = Augment.builtIn().apply(Samples.random(300, 7), "elastic:34:4", 5);
        assertThat(data.costly()).isFalse();
        assertThat(data.forEpoch(1).costly()).isTrue();
        for (int batch : new int[] {1, 8}) {
            double[] reference = null;
            for (int threads : new int[] {1, 2}) {
                for (boolean ahead : new boolean[] {false, true}) {
                    NeuralNetwork net = NeuralNetwork.builder(784, 20, 10).seed(3).build();
                    TrainingSettings s = TrainingSettings.of(net).withThreads(threads).withBatch(batch)
                            .withPrecision(Precision.FLOAT).withOrder(Order.SHUFFLE);
                    double[] w = new Trainer(s, TrainingListener.NONE).ahead(ahead).fit(net, data, null, 2).weights(0).data;
                    if (reference == null) {
                        reference = w;
                    }
                    assertThat(w).as("batch %d, %d threads, ahead %s", batch, threads, ahead).containsExactly(reference);
                }
            }
        }
    }

    @Test
    void fixedCopiesFirst_thenDistortionsOfEveryCopy() {
        Dataset base = Samples.random(4, 2);
        TrainingData a = Augment.builtIn().apply(base, "rotate:10,shift:2", 3);
        assertThat(a.size()).isEqualTo(12);
        assertThat(((AugmentedData) a).base().image(0)).isEqualTo(base.image(0));
        assertThat(a.label(5)).isEqualTo(base.label(1));
    }

    @Test
    void heldOutPart_andDistortedTraining_loadAgainFromTheirReferences(@TempDir Path cache) {
        Path csv = dir.resolve("d.csv");
        CsvWriter.write(Samples.random(10, 5), csv);
        Dataset all = Datasets.fromFiles(csv, null, Dataset.numberedClasses(10));
        Dataset learn = all.part(0, 7);
        Dataset held = all.part(7, 10);
        TrainingData distorted = Augment.builtIn().apply(learn, "shift:2,affine", 42);
        Provenance.DataReference r = distorted.reference();
        assertThat(r.range()).isEqualTo("0:7");
        assertThat(r.augment()).isEqualTo("shift:2,affine");
        assertThat(r.seed()).isEqualTo(42L);
        assertThat(held.reference().range()).isEqualTo("7:10");
        Datasets datasets = new Datasets(new DatasetCatalog(java.util.Set.of()), new Fetcher(new DataCache(cache),
                org.mynn.data.fetch.ProgressListener.NONE, Fetcher.Settings.DEFAULT));
        TrainingData again = datasets.reload(r, "ckpt.json");
        assertThat(again.size()).isEqualTo(7);
        for (int i = 0; i < 7; i++) {
            assertThat(input(again.forEpoch(3), i)).isEqualTo(input(distorted.forEpoch(3), i));
        }
        TrainingData heldAgain = datasets.reload(held.reference(), "ckpt.json");
        assertThat(input(heldAgain, 2)).isEqualTo(input(all, 9));
    }
}
