package org.mynn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.mynn.core.kernel.KernelChoice;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.kernel.ScalarKernels;
import org.mynn.core.kernel.VectorKernels;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;

/**
 * Short work runs on the scalar kernels, long work on the vector ones, and a test on either gives the same bits: the
 * accuracy, the confusion matrix and the outputs of every sample, as on the plain vector and the plain scalar kernels.
 */
class KernelChoiceTest {

    @Test
    void shortWorkGetsTheScalarKernelsAndLongWorkTheBest() {
        Kernels vector = new VectorKernels();
        KernelChoice choice = new KernelChoice(vector);
        assertInstanceOf(ScalarKernels.class, choice.forWork(784L * 200 * 10_000));
        assertInstanceOf(ScalarKernels.class, choice.forWork(KernelChoice.VECTOR_FROM - 1));
        assertSame(vector, choice.forWork(KernelChoice.VECTOR_FROM));
        assertSame(vector, choice.forWork(784L * 200 * 60_000));
        assertSame(choice.forWork(1), choice.forWork(2), "one scalar instance per choice");
        Kernels scalar = new ScalarKernels();
        assertSame(scalar, new KernelChoice(scalar).forWork(1));
        assertSame(scalar, new KernelChoice(scalar).forWork(Long.MAX_VALUE));
    }

    @Test
    void withKernelsIsTheSameNetworkOnOtherKernels() {
        NeuralNetwork net = NeuralNetwork.builder(784, 30, 10).seed(5).build();
        Kernels scalar = new ScalarKernels();
        NeuralNetwork other = net.withKernels(scalar);
        assertSame(other, other.withKernels(scalar));
        assertArrayEquals(EngineTest.bits(net), EngineTest.bits(other));
        long[] before = EngineTest.bits(net);
        EngineTest.trainStepByStep(other, new EngineTest.Random784(1, 784, 10, 2), 1);
        assertNotEquals(java.util.Arrays.hashCode(before), java.util.Arrays.hashCode(EngineTest.bits(other)));
        assertArrayEquals(before, EngineTest.bits(net), "a copy: training it leaves the original's weights alone");
    }

    @Test
    void theChosenKernelsTestBitForBitAsVectorAndScalar() {
        TrainingData data = new EngineTest.Random784(3_001, 784, 10, 11);
        for (NeuralNetwork net : new NeuralNetwork[] {trained(NeuralNetwork.builder(784, 200, 10).seed(3).build(), data),
            trained(EngineTest.deep(BackpropRule.BOOK), data)}) {
            NeuralNetwork vector = net.withKernels(new VectorKernels());
            NeuralNetwork scalar = net.withKernels(new ScalarKernels());
            KernelChoice choice = new KernelChoice(new VectorKernels());
            Kernels picked = choice.forWork(net.weightCount() * data.size());
            assertInstanceOf(ScalarKernels.class, picked);
            NeuralNetwork chosen = net.withKernels(picked);
            Run v = run(vector, data);
            Run s = run(scalar, data);
            Run c = run(chosen, data);
            assertArrayEquals(v.outputs, s.outputs, "vector and scalar outputs, bit for bit");
            assertArrayEquals(v.outputs, c.outputs, "chosen and vector outputs, bit for bit");
            assertEquals(v.hash, c.hash);
            assertEquals(s.hash, c.hash);
            for (Run r : new Run[] {s, c}) {
                assertEquals(Double.doubleToRawLongBits(v.e.accuracy()), Double.doubleToRawLongBits(r.e.accuracy()));
                assertEquals(Double.doubleToRawLongBits(v.e.mse()), Double.doubleToRawLongBits(r.e.mse()));
                assertArrayEquals(v.e.confusion(), r.e.confusion());
            }
            // with two threads as mynn test runs it, too
            assertEquals(Double.doubleToRawLongBits(Evaluator.evaluate(vector, data, 2).mse()),
                    Double.doubleToRawLongBits(Evaluator.evaluate(chosen, data, 2).mse()));
        }
    }

    /** One epoch on a few hundred samples, so that the weights are not the initial ones. */
    private static NeuralNetwork trained(NeuralNetwork net, TrainingData data) {
        EngineTest.trainStepByStep(net, data, 300);
        return net;
    }

    private record Run(Evaluation e, long[] outputs, long hash) {
    }

    private static Run run(NeuralNetwork net, TrainingData data) {
        int classes = data.classCount();
        long[] bits = new long[data.size() * classes];
        Evaluation e = Evaluator.evaluate(net, data, (i, label, said, outputs) -> {
            for (int k = 0; k < classes; k++) {
                bits[i * classes + k] = Double.doubleToRawLongBits(outputs[k]);
            }
        });
        return new Run(e, bits, java.util.Arrays.hashCode(bits));
    }
}
