package org.mynn.core.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationContractTest {

    static Stream<Activation> everyInstalled() {
        return ActivationRegistry.load().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInstalled")
    void everyInstalledActivation_keepsTheContract(Activation f) {
        assertThat(ActivationContract.check(f)).as(f.name()).isEmpty();
    }

    @Test
    void builtIns_areTheDocumentedOnes() {
        assertThat(ActivationRegistry.load().names()).containsExactly("leaky-relu", "relu", "sigmoid", "softmax", "softplus", "tanh");
    }

    /** Smile's bug for years: tanh's derivative written (1-y)^2 instead of 1-y^2. The contract catches it. */
    @Test
    void contract_wrongDerivative_isReported() {
        Activation broken = new DelegatingActivation(new Tanh()) {
            @Override
            public double derivativeFromOutput(double y) {
                return (1 - y) * (1 - y);
            }
        };
        assertThat(ActivationContract.check(broken)).anyMatch(p -> p.startsWith("derivativeFromOutput(f("));
    }

    @Test
    void contract_badOnnxForm_isReported() {
        Activation broken = new DelegatingActivation(new Sigmoid()) {
            @Override
            public OnnxForm onnx() {
                return new OnnxForm("sigmoid(x)", java.util.Map.of("alpha", Double.NaN), null);
            }
        };
        assertThat(ActivationContract.check(broken)).anyMatch(p -> p.contains("not an ONNX operator type"))
                .anyMatch(p -> p.contains("attribute 'alpha' is NaN"));
    }

    @Test
    void contract_wrongInverse_isReported() {
        Activation broken = new DelegatingActivation(new Sigmoid()) {
            @Override
            public double inverse(double y) {
                return Math.log(y);
            }
        };
        assertThat(ActivationContract.check(broken)).anyMatch(p -> p.startsWith("inverse(f("));
    }

    @Test
    void contract_badName_outOfRangeOutputs_andSilentMissingInverse_areReported() {
        Activation broken = new DelegatingActivation(new Relu()) {
            @Override
            public String name() {
                return "My Relu";
            }

            @Override
            public Interval outputRange() {
                return new Interval(0, 1);
            }

            @Override
            public double inverse(double y) {
                return y;
            }
        };
        List<String> problems = ActivationContract.check(broken);
        assertThat(problems).anyMatch(p -> p.startsWith("name 'My Relu' does not match"));
        assertThat(problems).anyMatch(p -> p.contains("is not a finite value in (0, 1)"));
        assertThat(problems).anyMatch(p -> p.startsWith("hasInverse() is false but inverse() returned"));
    }

    @Test
    void nominalRange_defaults() {
        assertThat(new Sigmoid().nominalRange()).isEqualTo(new Interval(0, 1));
        assertThat(new Relu().nominalRange()).isEqualTo(new Interval(0, 1));
        assertThat(new LeakyRelu().nominalRange()).isEqualTo(new Interval(-1, 1));
    }
}
