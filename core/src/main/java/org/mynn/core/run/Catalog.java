package org.mynn.core.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mynn.core.Registry;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentation;
import org.mynn.core.loss.Loss;
import org.mynn.core.optimize.Optimizer;

/**
 * The plugins installed, of every kind a run names: what a {@link RunSpec} looks its names up in. Bound by the core's
 * Guice module over the plugins' class loader; {@link #builtIn()} has mynn's own.
 */
public record Catalog(ActivationRegistry activations, Registry<Loss> losses, Registry<Optimizer> optimizers,
        Registry<Augmentation> augmentations) {

    /** @return the plugins on mynn's own class path */
    public static Catalog builtIn() {
        ClassLoader l = Catalog.class.getClassLoader();
        return new Catalog(ActivationRegistry.load(l), Registry.load(Loss.class, l, "loss"),
                Registry.load(Optimizer.class, l, "optimizer"), Registry.load(Augmentation.class, l, "augmentation"));
    }

    /**
     * @return the names installed of each kind, keyed "activations", "losses", "optimizers", "augmentations" (in that
     *         order): what a front end offers without reaching into the plugin packages
     */
    public Map<String, List<String>> installed() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("activations", activations.names());
        out.put("losses", losses.names());
        out.put("optimizers", optimizers.names());
        out.put("augmentations", augmentations.names());
        return out;
    }
}
