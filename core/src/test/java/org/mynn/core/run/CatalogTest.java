package org.mynn.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void installed_namesEachKindInOrder_asItsRegistryDoes() {
        Catalog c = Catalog.builtIn();
        assertThat(c.installed()).containsOnlyKeys("activations", "losses", "optimizers", "augmentations");
        assertThat(c.installed().keySet()).containsExactly("activations", "losses", "optimizers", "augmentations");
        assertThat(c.installed().get("activations")).isEqualTo(c.activations().names()).contains("sigmoid", "relu");
        assertThat(c.installed().get("losses")).isEqualTo(c.losses().names()).contains("mse", "cross-entropy");
        assertThat(c.installed().get("optimizers")).isEqualTo(c.optimizers().names()).contains("sgd", "adam");
        assertThat(c.installed().get("augmentations")).isEqualTo(c.augmentations().names()).contains("rotate", "elastic");
    }
}
