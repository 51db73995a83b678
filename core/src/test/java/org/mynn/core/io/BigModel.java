package org.mynn.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.model.NeuralNetwork;

/**
 * Run in a child JVM with a small heap by {@link BigModelTest}: builds and saves a 784-H-10 network whose weights take
 * a given share of what this JVM may allocate ({@code save FILE SHARE}), or loads one ({@code load FILE}); prints
 * the number of weights, or mynn's error.
 */
public final class BigModel {

    private BigModel() {
    }

    public static void main(String[] args) throws Exception {
        ModelJson json = new ModelJson(ActivationRegistry.load());
        Path file = Path.of(args[1]);
        try {
            if (args[0].equals("save")) {
                double share = Double.parseDouble(args[2]);
                int hidden = (int) (share * Memory.available() / 8 / (784 + 10));
                NeuralNetwork net = NeuralNetwork.builder(784, hidden, 10).seed(1).build();
                json.save(net, file);
                System.out.println("saved " + net.weightCount() + " weights, " + Files.size(file) + " bytes");
            } else {
                NeuralNetwork net = json.load(file);
                System.out.println("loaded " + net.weightCount() + " weights");
            }
        } catch (MynnException e) {
            System.out.println("mynn: " + e.getMessage());
        }
    }
}
