package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationContract;
import org.mynn.core.activation.ActivationRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "activations", mixinStandardHelpOptions = true,
        header = "List the installed activation functions, built in and from plugins.",
        description = "List the installed activation functions: the built-ins and every plugin jar found on the class path or in the plugins folder (--plugins DIR, default ~/.mynn/plugins).",
        footer = {"", "Examples:", "  mynn activations", "  mynn --plugins ./plugins activations --check"})
public final class ActivationsCommand extends BaseCommand {

    @Option(names = "--check", description = "check each against the activation contract (derivative, inverse, name)")
    boolean check;

    @Inject
    ActivationRegistry registry;


    @Override
    public Integer call() {
        int broken = 0;
        out().printf(Locale.ROOT, "%-12s %-8s %-12s %-18s %s%n", "name", "inverse", "range", "from", "description");
        for (Activation a : registry.all()) {
            out().printf(Locale.ROOT, "%-12s %-8s %-12s %-18s %s%n", a.name(), a.hasInverse() ? "yes" : "no",
                    a.outputRange(), origin(a), a.description());
            if (check) {
                List<String> problems = ActivationContract.check(a);
                for (String p : problems) {
                    out().println("    broken: " + p);
                }
                broken += problems.isEmpty() ? 0 : 1;
            }
        }
        if (check) {
            out().println(broken == 0 ? "all " + registry.all().size() + " keep the activation contract"
                    : broken + " of " + registry.all().size() + " break the activation contract");
        }
        return broken == 0 ? 0 : 1;
    }

    private static String origin(Activation a) {
        if (a.getClass().getPackageName().equals("org.mynn.core.activation")) {
            return "built in";
        }
        URL where = a.getClass().getProtectionDomain().getCodeSource() == null ? null
                : a.getClass().getProtectionDomain().getCodeSource().getLocation();
        if (where == null) {
            return a.getClass().getName();
        }
        String path = where.getPath();
        return path.substring(path.lastIndexOf('/', path.length() - 2) + 1);
    }
}
