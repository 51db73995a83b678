package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.io.OnnxModels;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.data.Dataset;
import org.mynn.data.RealData;
import org.mynn.data.Split;
import org.mynn.testing.Tags;

/**
 * Exported models run in ONNX Runtime (Java) and agree with mynn: every built-in activation, with and without biases,
 * networks trained on real MNIST, scores within 1e-5 and the same answer on 1,000 test images.
 */
@Tag(Tags.REAL_DATA)
class OnnxRuntimeTest {

    static final ActivationRegistry ACTIVATIONS = ActivationRegistry.load();

    /** @return ONNX Runtime's outputs for these inputs (one row each) */
    static float[][] run(Path onnx, float[][] inputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, inputs);
                OrtSession.Result r = s.run(Map.of("input", t))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    /** @return the network's inputs for images {@code [0, n)} of {@code d}, as mynn encodes them, in float */
    static float[][] inputs(Dataset d, int n) {
        float[][] out = new float[n][d.inputSize()];
        double[] row = new double[d.inputSize()];
        for (int i = 0; i < n; i++) {
            d.input(i, row);
            for (int j = 0; j < row.length; j++) {
                out[i][j] = (float) row[j];
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, biases {1}")
    @CsvSource({"sigmoid,false", "sigmoid,true", "tanh,false", "tanh,true", "relu,false", "relu,true",
        "leaky-relu,false", "leaky-relu,true", "softplus,false", "softplus,true", "softmax,false", "softmax,true"})
    void anExportedNetwork_answersInOnnxRuntime_asInMynn(String activation, boolean bias, @TempDir Path dir)
            throws Exception {
        NetworkBuilder b = NeuralNetwork.builder(784, 64, 10).seed(11).biases(bias);
        double lr = 0.1;
        if (activation.equals("softmax")) {
            b.activations(List.of(ACTIVATIONS.get("sigmoid"), ACTIVATIONS.get("softmax"))).loss(new CrossEntropy());
        } else {
            b.activations(List.of(ACTIVATIONS.get(activation)));
            if (!activation.equals("sigmoid")) {
                b.init(activation.equals("tanh") ? WeightInit.GLOROT : WeightInit.HE);
                lr = 0.01;
            }
        }
        NeuralNetwork fresh = b.learningRate(lr).build();
        Dataset train = RealData.mnist(Split.TRAIN).slice(0, 5000);
        NeuralNetwork net = new Trainer(TrainingSettings.of(fresh), TrainingListener.NONE).fit(fresh, train, null, 1);
        Path onnx = dir.resolve("m.onnx");
        new OnnxModels(ACTIVATIONS, new ModelJson(ACTIVATIONS)).save(net, onnx);

        Dataset test = RealData.mnist(Split.TEST);
        float[][] x = inputs(test, 1000);
        float[][] got = run(onnx, x);
        double[] in = new double[784];
        int right = 0;
        int ties = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 784; j++) {
                in[j] = x[i][j];
            }
            double[] want = net.query(in);
            for (int k = 0; k < 10; k++) {
                assertThat((double) got[i][k]).as("image %d, class %d", i, k)
                        .isCloseTo(want[k], org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(want[k]))));
            }
            double[] asDouble = new double[10];
            for (int k = 0; k < 10; k++) {
                asDouble[k] = got[i][k];
            }
            // the same answer, unless mynn's two best scores are closer than float32 can tell apart
            double[] sorted = want.clone();
            java.util.Arrays.sort(sorted);
            if (sorted[9] - sorted[8] > 1e-6 * Math.max(1, Math.abs(sorted[9]))) {
                assertThat(Evaluator.argmax(asDouble)).as("the answer for image %d", i).isEqualTo(Evaluator.argmax(want));
            } else {
                ties++;
            }
            right += Evaluator.argmax(want) == test.label(i) ? 1 : 0;
        }
        assertThat(right).as("a network that has learnt something").isGreaterThan(800);
        assertThat(ties).as("answers too close to call in float32").isLessThan(3);
    }
}
