package org.mynn.core.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;

class ActivationRegistryTest {

    @Test
    void get_unknownName_failsListingWhatIsAvailable() {
        assertThatThrownBy(() -> ActivationRegistry.load().get("x")).isInstanceOf(MynnException.class)
                .hasMessage("unknown activation 'x'; available: leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more)");
    }

    @Test
    void get_knownName_returnsIt() {
        assertThat(ActivationRegistry.load().get("sigmoid")).isInstanceOf(Sigmoid.class);
        assertThat(ActivationRegistry.load().find("nope")).isEmpty();
    }

    @Test
    void of_duplicateName_failsNamingBothClasses() {
        assertThatThrownBy(() -> ActivationRegistry.of(List.of(new Sigmoid(), new DelegatingActivation(new Sigmoid()))))
                .isInstanceOf(MynnException.class)
                .hasMessageContaining("two activations are named 'sigmoid': org.mynn.core.activation.Sigmoid and ");
    }

    @Test
    void of_badName_fails() {
        Activation bad = new DelegatingActivation(new Tanh()) {
            @Override
            public String name() {
                return "Tanh";
            }
        };
        assertThatThrownBy(() -> ActivationRegistry.of(List.of(bad))).isInstanceOf(MynnException.class)
                .hasMessageContaining("has the name 'Tanh'; names must match");
    }
}
