package org.mynn.cli.service;

import java.util.Iterator;
import java.util.List;
import org.mynn.core.Labelled;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.WeightInit;
import org.mynn.core.run.Catalog;
import org.mynn.data.BuiltInDatasets;

/**
 * The words an option with fixed choices takes, for picocli's {@code completionCandidates}: what shell completion
 * offers (the script {@code mynn completion bash} prints, and the one in the distribution's
 * {@code share/bash-completion}). Plugin names are those on mynn's own class path ({@link Catalog#builtIn()}); the
 * spellings of the enums are their labels. Nothing here checks a value: the run specification does.
 */
public final class Choices {

    private Choices() {
    }

    private abstract static class Words implements Iterable<String> {
        abstract List<String> words();

        @Override
        public Iterator<String> iterator() {
            return words().iterator();
        }
    }

    /** The activations installed: {@code --activation}, {@code --output}. */
    public static final class Activations extends Words {
        @Override
        List<String> words() {
            return Catalog.builtIn().installed().get("activations");
        }
    }

    /** The losses installed: {@code --loss}. */
    public static final class Losses extends Words {
        @Override
        List<String> words() {
            return Catalog.builtIn().installed().get("losses");
        }
    }

    /** The optimizers installed: {@code --optimizer} (each also takes its parameters, e.g. momentum:0.9). */
    public static final class Optimizers extends Words {
        @Override
        List<String> words() {
            return Catalog.builtIn().installed().get("optimizers");
        }
    }

    /** The augmentations installed: {@code --augment}. */
    public static final class Augmentations extends Words {
        @Override
        List<String> words() {
            return Catalog.builtIn().installed().get("augmentations");
        }
    }

    /** {@code --init}: receiving, fan-in, glorot, he. */
    public static final class Inits extends Words {
        @Override
        List<String> words() {
            return Labelled.labels(WeightInit.class);
        }
    }

    /** {@code --rule}: book, gradient. */
    public static final class Rules extends Words {
        @Override
        List<String> words() {
            return Labelled.labels(BackpropRule.class);
        }
    }

    /** {@code --order}: file, shuffle. */
    public static final class Orders extends Words {
        @Override
        List<String> words() {
            return Labelled.labels(Order.class);
        }
    }

    /** {@code --precision}: double, float. */
    public static final class Precisions extends Words {
        @Override
        List<String> words() {
            return Labelled.labels(Precision.class);
        }
    }

    /** {@code --keep}: last, best. */
    public static final class Keeps extends Words {
        @Override
        List<String> words() {
            return List.of("last", "best");
        }
    }

    /** {@code --dataset} and {@code mynn fetch}: the named datasets. */
    public static final class Datasets extends Words {
        @Override
        List<String> words() {
            return List.of(BuiltInDatasets.MNIST.name(), BuiltInDatasets.FASHION_MNIST.name());
        }
    }
}
