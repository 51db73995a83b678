package example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;

/** The README's Java snippet ("Use it from Java", docs/java-api.md), as another project writes it. */
public final class BookNetwork {

    /** What the snippet gives: the scores, what the network "sees" for a 7, and the network read back. */
    public record Result(NeuralNetwork net, double[] scores, double[] seen, NeuralNetwork back) {
    }

    private BookNetwork() {
    }

    /** Runs the snippet in {@code dir} (it writes model.json there). */
    public static Result run(Path dir) throws IOException {
        Path model = dir.resolve("model.json");
        // --- the snippet of docs/java-api.md, as it stands there but for the file's folder ---
        ActivationRegistry activations = ActivationRegistry.load();       // built-ins + plugin jars on the classpath
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10)           // the book's 784-200-10
                .activation(activations.get("sigmoid")).learningRate(0.1).seed(42).build();
        double[] inputs = new double[784];  Arrays.fill(inputs, 0.01);  inputs[300] = 1.0;   // a picture, scaled as the book does
        double[] targets = new double[10];  Arrays.fill(targets, 0.01);  targets[7] = 0.99;  // "this is a 7"
        net.train(inputs, targets);                                       // one step of the book's SGD
        double[] scores = net.query(inputs);                              // 10 scores, one per digit
        double[] seen = net.backquery(targets);                           // 784 values: what the network "sees" for a 7
        ModelJson json = new ModelJson(activations);
        json.save(net, model);                                            // atomic: a crash never leaves half a file
        NeuralNetwork back = json.load(model);                            // bit-identical weights
        // --- end of the snippet ---
        return new Result(net, scores, seen, back);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("mynn-example");
        Result r = run(dir);
        System.out.println("scores: " + Arrays.toString(r.scores()));
        System.out.println("read back from " + dir.resolve("model.json") + ", the same weights: "
                + Arrays.equals(r.net().weights(0).data, r.back().weights(0).data));
    }
}
