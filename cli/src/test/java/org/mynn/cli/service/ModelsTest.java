package org.mynn.cli.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.kernel.KernelChoice;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.kernel.ScalarKernels;
import org.mynn.core.model.NeuralNetwork;

/**
 * The web page's model answers one picture at a time on the kernels {@link KernelChoice} picks for so little work (the
 * scalar ones: no waiting for the vector kernels to compile), with the bits of the model as loaded.
 */
class ModelsTest {

    @TempDir
    Path dir;

    @Test
    void aModelForOnePicture_runsOnTheScalarKernels_andAnswersAsTheLoadedOne() {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        Path file = dir.resolve("m.json");
        json.save(NeuralNetwork.builder(784, 200, 10).seed(7).build(), file);
        Kernels longWork = mock(Kernels.class); // any use of it would answer zeros
        Models models = new Models(json, new KernelChoice(longWork));

        NeuralNetwork page = models.forWork(models.load(file), 1).net();
        NeuralNetwork loaded = models.load(file).net();
        NeuralNetwork scalar = loaded.withKernels(new ScalarKernels());
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20; i++) {
            double[] x = r.doubles(784, 0.01, 1.0).toArray();
            double[] answer = page.query(x);
            assertThat(answer).isEqualTo(loaded.query(x)).isEqualTo(scalar.query(x));
            assertThat(answer[0]).isNotZero();
        }
        verifyNoInteractions(longWork);
        assertThat(kernelsOf(page)).isInstanceOf(ScalarKernels.class);
        assertThat(kernelsOf(loaded).getClass()).as("a model loaded for other work: the best kernels")
                .isEqualTo(Kernels.best().getClass());
    }

    /** The kernels a network runs on (a private field: the bits do not show which). */
    static Kernels kernelsOf(NeuralNetwork net) {
        try {
            Field f = NeuralNetwork.class.getDeclaredField("kernels");
            f.setAccessible(true);
            return (Kernels) f.get(net);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
