package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.core.Plugin;
import org.mynn.core.Registry;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationContract;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentation;
import org.mynn.core.augment.AugmentationContract;
import org.mynn.core.loss.Loss;
import org.mynn.core.loss.LossContract;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.OptimizerContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        header = "List every installed plugin: activations, losses, optimizers and augmentations.",
        description = "List every installed plugin of every kind (activations, losses, optimizers, augmentations): the"
                + " built-ins and every plugin jar found on the class path or in the plugins folder (--plugins DIR,"
                + " default ~/.mynn/plugins). With --check, run each kind's contract on each and exit 1 if one breaks it.",
        footer = {"", "Examples:", "  mynn plugins", "  mynn --plugins ./plugins plugins --check"})
public final class PluginsCommand extends BaseCommand {

    @Option(names = "--check", description = "check each plugin against its kind's contract")
    boolean check;

    @Inject
    ActivationRegistry activations;
    @Inject
    Registry<Loss> losses;
    @Inject
    Registry<Optimizer> optimizers;
    @Inject
    Registry<Augmentation> augmentations;

    @Override
    public Integer call() {
        int[] counts = new int[2];
        kind("activations", activations.all(), a -> ActivationContract.check(a), counts);
        kind("losses", losses.all(), l -> LossContract.check(l, activations.all()), counts);
        kind("optimizers", optimizers.all(), OptimizerContract::check, counts);
        kind("augmentations", augmentations.all(), a -> AugmentationContract.check(a), counts);
        if (check) {
            out().println(counts[1] == 0 ? "all " + counts[0] + " keep their contracts"
                    : counts[1] + " of " + counts[0] + " break their contracts");
        }
        return counts[1] == 0 ? 0 : 1;
    }

    private <T extends Plugin> void kind(String title, List<T> plugins,
            java.util.function.Function<T, List<String>> contract, int[] counts) {
        out().println(title + ":");
        for (T p : plugins) {
            String extra = p instanceof Optimizer o ? o.usage() : p instanceof Augmentation a ? a.usage()
                    : p instanceof Activation a && !a.elementwise() ? "(whole layer)" : "";
            out().printf(Locale.ROOT, "  %-14s %-32s %-16s %s%n", p.name(), extra, origin(p), p.description());
            if (check) {
                List<String> problems = new ArrayList<>(contract.apply(p));
                for (String problem : problems) {
                    out().println("      broken: " + problem);
                }
                counts[0]++;
                counts[1] += problems.isEmpty() ? 0 : 1;
            }
        }
    }

    /** @return "built in", or the jar a plugin came from */
    static String origin(Object p) {
        if (p.getClass().getPackageName().startsWith("org.mynn.core.")) {
            return "built in";
        }
        URL where = p.getClass().getProtectionDomain().getCodeSource() == null ? null
                : p.getClass().getProtectionDomain().getCodeSource().getLocation();
        if (where == null) {
            return p.getClass().getName();
        }
        String path = where.getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }
}
