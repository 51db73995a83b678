package org.mynn.core.io;

import java.nio.file.Path;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;

/** Run in a child JVM by {@link KilledDuringSaveTest}: saves two different models over one file, forever. */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        ModelJson json = new ModelJson(ActivationRegistry.load());
        NeuralNetwork a = NeuralNetwork.builder(784, 200, 10).seed(1).build();
        NeuralNetwork b = NeuralNetwork.builder(784, 200, 10).seed(2).build();
        for (long i = 0; ; i++) {
            json.save(i % 2 == 0 ? a : b, file);
        }
    }
}
