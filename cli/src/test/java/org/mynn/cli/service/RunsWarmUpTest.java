package org.mynn.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.inject.CoreModule;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.Warmup;
import org.mynn.data.Augment;
import org.mynn.data.DataModule;
import org.mynn.data.fetch.Fetcher;

/** The warm-up's samples for a run: distorted as the run's are when it distorts afresh, so the distortion compiles too. */
class RunsWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void aRunThatDistortsAfresh_warmsUpOnMadeUpPicturesDistortedSo_andOtherRunsOnTheMadeUpSamples() {
        var injector = Guice.createInjector(new CoreModule(), new DataModule(dir.resolve("cache"), Fetcher.Settings.DEFAULT));
        Runs runs = injector.getInstance(Runs.class);
        Augment augment = injector.getInstance(Augment.class);
        TrainingData madeUp = Warmup.madeUp(784, 10);

        TrainingData distorted = runs.distorted(madeUp, augment.parse("elastic"));
        assertThat(distorted.costly()).as("inputs that cost work, as the run's").isTrue();
        assertThat(distorted.size()).isEqualTo(madeUp.size());
        assertThat(distorted.inputSize()).isEqualTo(784);
        double[] plain = new double[784];
        double[] moved = new double[784];
        int changed = 0;
        for (int i = 0; i < 8; i++) {
            madeUp.input(i, plain);
            distorted.input(i, moved);
            assertThat(distorted.label(i)).isEqualTo(madeUp.label(i));
            changed += java.util.Arrays.equals(plain, moved) ? 0 : 1;
        }
        assertThat(changed).as("pictures the distortion changed").isEqualTo(8);

        assertThat(runs.distorted(madeUp, null)).isSameAs(madeUp);
        Augmentations fixed = augment.parse("rotate:10");
        assertThat(runs.distorted(madeUp, fixed)).as("fixed copies are made before training").isSameAs(madeUp);
        TrainingData notSquare = Warmup.madeUp(70, 10);
        assertThat(runs.distorted(notSquare, augment.parse("elastic"))).isSameAs(notSquare);
    }
}
